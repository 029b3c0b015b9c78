# Ongoing one-to-one support: moving and calling off sessions, and the
# student withdrawing a request or ending a support.

## Moving a session
ongoing-move = Move
ongoing-move-hint = You both get the new time by email, with a calendar file that updates the old entry.
ongoing-move-send = Move the session
ongoing-moved-subject = Session { $n } of { $m } moved to { $when }
ongoing-moved-body = { $name } moved the session. The calendar file in this email updates your calendar.
flash-ongoing-moved = The session is moved. You both have the new time.
ongoing-error-past = Please choose a time that is still to come.
ongoing-error-held = This session has already started, so it stays as it was.

## Calling off a session
ongoing-cancel = Call off
ongoing-field-why = Reason (optional)
ongoing-field-why-hint = A few words the other person will read, if you like.
ongoing-cancel-send = Call off this session
ongoing-cancelled-subject = Session { $n } of { $m } on { $when } is called off
ongoing-cancelled-body = { $name } called off the session. Its place counts again, so another can be scheduled.
ongoing-their-reason = Their reason: { $reason }
flash-ongoing-cancelled = The session is called off. Its place counts again.
ongoing-cancelled-title = Called off
ongoing-cancelled-line = Session { $n } on { $when } was called off
ongoing-cancelled-by = by { $name }

## The student withdrawing or ending
ongoing-withdraw-title = Withdraw my request
ongoing-withdraw-hint = If you no longer need this support, you can withdraw your request. You are always welcome to ask again.
ongoing-withdraw-confirm = Yes, withdraw it
ongoing-withdraw-send = Withdraw this request
ongoing-end-title = End this support
ongoing-end-hint = You can end your support whenever you like. Sessions still to come are called off and your peer is told. You are always welcome to ask again.
ongoing-end-send = End my support
ongoing-field-note = A word for your peer (optional)
ongoing-field-note-hint = Your peer reads this. You don't need to give a reason.
ongoing-withdrawn-title = A request was withdrawn
ongoing-withdrawn-body = { $name } withdrew their request for ongoing support.
ongoing-ended-title = A student ended their support
ongoing-ended-body = { $name } ended their ongoing support. Sessions still to come are called off.
ongoing-their-word = Their word for you: { $note }
ongoing-closed-withdrawn = { $name } withdrew this request
ongoing-closed-ended-by-student = { $name } ended this support
flash-ongoing-withdrawn = Your request is withdrawn. You are welcome to ask again whenever you like.
flash-ongoing-ended = Your support is ended and your peer is told. Take care, and ask again whenever you like.
