# A path for crisis, retention and people's rights (issue 7), the drop-in heat map (issue 9).

safety-help-sites-title = Crisis contacts at our sites

# Retention
privacy-retention-title = Keeping and letting go of data
privacy-retention-link = How long we keep session logs and walk-ins' names
privacy-retention-intro = Session logs leave every list after the months you set here; the people who may read a log can still open it. A walk-in's first name or nickname is forgotten a few hours after they were seen. Hearth does this once a day.
privacy-log-months = Archive session logs after (months)
privacy-log-months-hint = From 1 to 120 months.
privacy-queue-hours = Forget walk-ins' names after (hours)
privacy-queue-hours-hint = Counted from when they were seen or left, from 1 to 720 hours.
privacy-daily-title = The daily pass
privacy-next-run = Next pass: { $when }.
privacy-next-run-none = The next pass is queued when the server starts.
privacy-apply-now = Apply now
privacy-retention-applied = Done: { $logs } logs archived, { $names } names forgotten.
privacy-error-range = Enter a whole number from { $min } to { $max }.

# A person's data
privacy-person-data-link = Their data: export or erase
privacy-person-title = Data about { $name }
privacy-export-title = Everything recorded about this person
privacy-export-intro = Everything in one file: their profile, roles, groups, what they wrote, the activities they came to, the logs they wrote (without notes) and who read their data. Downloading it is written to the audit log.
privacy-export-download = Download as JSON
privacy-erase-title = Erase this person
privacy-erase-intro = Erasing cannot be undone.
privacy-erase-goes = Their name, email, password, roles, groups and everything they wrote are removed.
privacy-erase-stays = Only anonymous counts stay: the activities they came to keep the same number of people, so reports do not change.
privacy-erase-confirm = Type their email ({ $email }) to confirm
privacy-erase-confirm-hint = So nobody is erased by a slip of the finger.
privacy-erase-button = Erase for good
privacy-erase-not-self = You cannot erase yourself: ask another administrator.
privacy-erased-already = This person was erased. Only anonymous counts remain.
privacy-error-self = You cannot erase yourself: ask another administrator.
privacy-error-erased = This person was already erased.
privacy-error-confirm = That is not their email. Nothing was erased.
flash-person-erased = The person was erased. Only anonymous counts remain.

# One's own data
privacy-my-data-link = What is recorded about me
privacy-my-data-title = What is recorded about me
privacy-my-data-intro = You can download everything Hearth keeps about you, at any time, as one file. Nobody needs to approve it: it is yours.
privacy-my-data-profile = your profile, your roles and the groups you belong to
privacy-my-data-writing = what you wrote: reflections, introductions, stocktakes, your recovery story, CHIME notes, stories, feedback, wellbeing check-ins, your messages in group channels and chats, your icebreaker and World Café notes and your answers to date polls
privacy-my-data-activity = the activities you came to, your shifts and the session logs you wrote (dates and flags; the notes are about the people you supported)
privacy-my-data-support = your ongoing one-to-one support (what you asked for, the agreement, sessions and closing summary) and the services you were referred to
privacy-my-data-reads = every time someone read your data
privacy-my-data-erase = To have your data erased, ask an administrator of your organisation.

# Archived logs
privacy-archived-link = Archived logs
privacy-archived-mine = My archived logs
privacy-archived-of = Archived logs of { $name }
privacy-archived-hint = Logs older than the organisation keeps in its lists. Opening one is still written to the audit trail.

# The drop-in heat map on the reports page
reports-dropin-caption = Drop-in visits by hour of the week ({ $total } walk-ins seen)
reports-dropin-day = Day
reports-dropin-mon = Monday
reports-dropin-tue = Tuesday
reports-dropin-wed = Wednesday
reports-dropin-thu = Thursday
reports-dropin-fri = Friday
reports-dropin-sat = Saturday
reports-dropin-sun = Sunday
reports-dropin-mon-short = Mon
reports-dropin-tue-short = Tue
reports-dropin-wed-short = Wed
reports-dropin-thu-short = Thu
reports-dropin-fri-short = Fri
reports-dropin-sat-short = Sat
reports-dropin-sun-short = Sun

audit-subject-person-erasure = their erasure (only anonymous counts remain)
