# A peer support group's meeting held online in the live room.
sg-live-heading = Meeting online
sg-live-host-hint = The meeting runs in Hearth's live room with this agenda as its steps. Open it a few minutes early; members can join once it is open.
sg-live-open = Open the live room
sg-live-reopen = Go to the live room
sg-live-join = Join the meeting online
sg-live-not-yet = The live room opens when a facilitator starts the meeting. Come back to this page a few minutes before.
sg-live-not-online = This meeting is not held online, so it has no live room. Mark it as online first.

# A call for support marked urgent by a host in the live room.
live-mark-urgent = Mark urgent
live-mark-urgent-confirm = Mark this call urgent? The site's on-call supervisor and safeguarding lead are told at once.
live-urgent-by = Urgent · marked by { $name }
live-urgent-told = { $name }, the on-call supervisor, has been told. Stay with the person and follow the checklist.
live-urgent-no-on-call = This site has no on-call supervisor set: its safeguarding lead has been told. Stay with the person and follow the checklist.
live-urgent-no-path = This group belongs to no site, so no on-call supervisor could be told. Stay with the person and share the crisis numbers on the help page.
live-urgent-checklist = What to do now
live-urgent-notice-title = Urgent: someone in a live event needs support
live-urgent-notice-body = { $name } asked for support during "{ $event }", and { $host } marked it urgent. Please get in touch with { $host } now.
live-refused-no-call = Only a call for support can be marked urgent.
live-refused-already-urgent = This call is already marked urgent.
