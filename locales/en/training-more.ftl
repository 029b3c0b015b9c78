# Training, more (issue 6): attendance from the live room, CHIME prompts,
# changing a peer worker's term of service.

attendance-live-prefilled = Filled in from who came into the live room. Check each choice, change what is not right, and save: nothing counts until you do.
attendance-in-live-room = Was in the live room
chime-prompt-start = Before the modules begin, place yourself on the five themes: this is your starting point.
chime-prompt-after-module = You have finished { $module }. How are you on the five themes now?
chime-prompt-go = Reflect now
progress-sessions-attended = Sessions attended: { $attended } of { $total }
progress-nobody = No trainees in this cohort yet.
training-change-curriculum = Change the curriculum
term-edit-title = Term of service: { $name }
term-edit-hint = When they started and when they are expected to leave: three years at most. The pipeline counts who leaves in the next six months from these dates.
term-edit-unset = No term has been recorded for this role yet. The usual one, two years from today, is filled in.
term-edit-save = Save the term
term-edit-link = Change the term
flash-term-saved = The term of service is saved.
pipeline-follow-up = To follow up
pipeline-no-term = no term of service recorded
pipeline-expected-end = expected to leave on { $date }
attendance-live-hint = This session runs online. When trainees come into the live room, this page fills in who came, for you to check and save.
delivery-change-heading = Change this session
delivery-change-online-hint = This session runs online as a live event. Moving it here moves the event too, and the trainees are told.
delivery-change-save = Save the changes
delivery-remove = Remove this session
delivery-remove-hint = Scheduled by mistake? A session in a room can be removed while nobody is marked for it.
delivery-remove-confirm = Remove this session from the cohort's schedule?
delivery-remove-marked = Attendance has been taken for this session, so it stays. Correct the marks instead.
delivery-remove-online = A session that runs online stays with its live event.
flash-session-changed = The session is changed.
flash-session-removed = The session is removed.
