# Reports, activity records and community stories (issue 9). Every key also exists in sq/reports.ftl.

nav-reports = Reports
nav-stories = Stories

## Activity kinds (Hearth's own; kinds an organisation adds show the name it gave)
activity-kind-coaching = Coaching
activity-kind-supervision = Supervision (case management)
activity-kind-group-development = Peer support group development
activity-kind-observation = Observation and prioritisation
activity-kind-training-session = Training
activity-kind-dialogue-event = Dialogue event
activity-kind-group-meeting = Group meeting
activity-kind-one-to-one = One-to-one

## The reports page
reports-title = Reports
reports-intro = Who took part, in what, where and when. Everything here is a count: no names, and nothing anyone wrote.
reports-filters = Choose what to count
reports-programme = Programme
reports-phase = Phase
reports-site = Site
reports-site-kind = Kind of site
reports-kind = Kind of activity
reports-from = From
reports-to = To (included)
reports-all = All
reports-show = Show the figures
reports-clear = Clear the choices
reports-totals = At a glance
reports-people = Different people
reports-attendances = Attendances
reports-activities = Activities
reports-events-held = Events held
reports-people-hint = "Different people" counts each person once, however often they came; "attendances" counts every time anyone came, including head counts recorded without names. Small numbers about support or wellbeing show as "fewer than 5", so nobody can be picked out.
reports-fewer-than-5 = fewer than 5
reports-by-kind = Kind of activity
reports-by-site = Site
reports-by-month = Month
reports-total = Total
reports-no-site = No site
reports-chart-kind = Attendances by kind of activity
reports-chart-site = Attendances by site
reports-chart-month = People and attendances month by month
reports-line-legend = solid line: different people; dashed line: attendances
reports-table-caption = The numbers in the chart
reports-download-csv = Download these numbers (CSV)
reports-breakdown = By kind, site and month
reports-breakdown-caption = Different people and attendances by kind of activity, site and month
reports-training = Training completion
reports-training-caption = Trainees and finished modules per training cohort
reports-training-none = No training cohort matches these choices.
reports-cohort = Cohort
reports-modules = Modules
reports-trainees = Trainees
reports-completed = Finished every module
reports-modules-signed = Modules signed off
reports-events = Events held and their feedback
reports-events-caption = Each live event someone came to, with the feedback given
reports-events-held-count = { $count ->
    [one] one event
   *[other] { $count } events
}
reports-date = Date
reports-event = Event
reports-answers = Feedback answers
reports-average = Average rating (1–5)
reports-no-answers = no answers yet
reports-too-few-answers = fewer than 5 answers
reports-feedback-hint = An average shows from five answers on, so no one's rating can be guessed.
reports-summary-link = Printable summary
reports-summary-title = Programme summary
reports-summary-events = Events held: { $held }. Average feedback: { $average }.
reports-print-hint = Use your browser's Print to save this page as a PDF.
reports-dates = Dates

## Recording activities
reports-record-link = Record an activity
reports-import-link = Import activities
reports-kinds-link = Kinds of activity
reports-record-title = Record an activity
reports-record-intro = For something that happened outside Hearth: a coaching session, a supervision meeting, a field visit. Name who came by email, or give a head count when you do not have names.
reports-choose = Choose…
reports-no-phase = No phase
reports-activity-title = What it was called
reports-activity-title-hint = Optional. Without it, the kind of activity is used.
reports-attendees = Who came (email addresses)
reports-attendees-hint = One per line, or separated by commas. Everyone needs an account in Hearth.
reports-head-count = Or: how many came
reports-head-count-hint = Only when you do not have names. A head count adds to attendances, not to different people.
reports-record-save = Record the activity
reports-error-kind = This is not a kind of activity Hearth knows. An administrator can add it under Kinds of activity.
reports-error-site = Please choose one of your sites.
reports-error-unknown-people = Nobody in Hearth has these email addresses: { $emails }
reports-error-who-came = Please name who came, or give a head count.
reports-error-both = Please give either names or a head count, not both.
reports-error-head-count = Please give a whole number from 1 to 100000.
reports-import-title = Import activities from CSV
reports-import-intro = Each row is one activity: date, kind and site, then either attendees (email addresses separated by semicolons) or a head count. Phase and title are optional. Nothing is added until every row is right; you see a preview first.
reports-import-ready = { $count ->
    [one] One activity is ready to add.
   *[other] All { $count } activities are ready to add.
}
reports-import-has-errors = Some rows need fixing. Nothing has been added: fix the file and check it again.
reports-import-confirm = { $count ->
    [one] Add this activity
   *[other] Add these { $count } activities
}
reports-import-error-columns = The first row must name the columns, including date, kind and site.
reports-import-error-empty = The file has no activities in it.
reports-who = Who came
reports-head-count-of = { $count ->
    [one] a head count of one
   *[other] a head count of { $count }
}
reports-people-named = { $count ->
    [one] one person named
   *[other] { $count } people named
}
flash-activity-recorded = The activity is recorded and counted in the reports.
flash-activities-imported = Every activity in the file was added.

## Kinds of activity
reports-kinds-title = Kinds of activity
reports-kinds-intro = The kinds reports count. Hearth starts with the field work of a peer support programme; add your own here.
reports-kind-key = Short name (for CSV files)
reports-kind-sensitive = About support or wellbeing
reports-kind-sensitive-label = This kind is about support or wellbeing: show small numbers as "fewer than 5"
reports-kinds-add = Add a kind
reports-kinds-save = Add the kind
reports-error-kind-taken = There is already a kind with this name.
reports-yes = Yes
reports-no = No
flash-kind-added = The kind is added.

## Community stories
stories-title = Community stories
stories-intro = Stories of growth from people in our programmes, shared in their own words. Reading one may help on a hard day.
stories-none = No stories are shared yet.
stories-write-link = Write your story
stories-mine = Your stories
stories-status-waiting = Waiting to be checked
stories-status-approved = Shared
stories-status-declined = Not shared
stories-moderator-note = Note from the coordinator: { $note }
stories-withdraw = Take it back
stories-withdraw-named = Take back "{ $title }"
stories-withdraw-hint = Taking a story back deletes it at once, everywhere, including its share link.
stories-share-link = Share link
stories-share-hint = Anyone with this link can read the story, so you can share it on social media.
stories-by = by { $name }
stories-new-title = Write your story
stories-new-intro = A short story of how you grew: what was hard, what helped, where you are now. A coordinator reads it before anyone else does.
stories-field-title = Title
stories-field-body = Your story
stories-body-hint = Please leave out details of how anyone hurt themselves, and names of other people.
stories-consent = I agree to share this story as chosen above, once it has been checked. I can take it back at any time.
stories-submit = Send for checking
stories-error-title = Please give your story a title (up to 120 characters).
stories-error-body = Please write your story (up to 5000 characters).
stories-error-consent = Please tick the box to say you agree to share it. You can take it back at any time.
stories-moderate-link = Stories to check
stories-moderate-title = Stories to check
stories-moderate-intro = A story is read by nobody else until you approve it. Read it with care; if something needs to change, ask for changes with a kind note, and the writer can edit it and send it again.
stories-moderate-none = No stories are waiting.
stories-note = Note to the writer
stories-note-hint = Kind words: what is good, and what to change if it comes back.
stories-approve = Approve and share
stories-decline = Decline
flash-story-sent = Thank you. Your story is waiting to be checked; you will see here when it is shared.
flash-story-withdrawn = Your story is taken back. It is gone everywhere.
flash-story-approved = The story is shared with the people its writer chose.
flash-story-declined = The story is declined; the writer sees your note.
stories-help-heading = If you need help now
stories-public-intro = A story from { $organisation }.
stories-read-more = Read the story
