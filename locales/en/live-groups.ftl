# A peer support group's meeting held online in the live room.
sg-live-heading = Meeting online
sg-live-host-hint = The meeting runs in Hearth's live room with this agenda as its steps. Open it a few minutes early; members can join once it is open.
sg-live-open = Open the live room
sg-live-reopen = Go to the live room
sg-live-join = Join the meeting online
sg-live-not-yet = The live room opens when a facilitator starts the meeting. Come back to this page a few minutes before.
sg-live-not-online = This meeting is not held online, so it has no live room. Mark it as online first.
