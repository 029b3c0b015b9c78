# Channels of peer support groups, the facilitators' channel, and the online drop-in chat at /support.

conversation-channel = Channel
conversation-channel-of = { $name }: channel
conversation-facilitators-title = Facilitators across the network
conversation-back-to-group = Back to the group
conversation-open-channel = Open the group's channel
conversation-open-facilitators = Facilitators' channel
conversation-rules = Our ground rules
conversation-latest = Latest messages
conversation-write = Your message
conversation-write-hint = Write @ and someone's name to mention them. Enter sends; Shift+Enter starts a new line.
conversation-send = Send
conversation-older = Earlier messages
conversation-needs-script = Messages arrive as they are written when JavaScript is on. Without it, reload the page to see new ones.
conversation-connected = Connected: new messages appear here.
conversation-reconnecting = Connection lost. Reconnecting…
conversation-reply = Reply
conversation-replying-to = Replying to { $name }
conversation-cancel = Cancel
conversation-edit = Edit
conversation-save = Save
conversation-delete = Delete
conversation-delete-confirm = Delete this message? Its words will be gone for everyone.
conversation-report = Report
conversation-report-reason = What worries you about this message? (optional; only the facilitators see it)
conversation-hide = Hide
conversation-unhide = Show again
conversation-mute = Mute
conversation-mute-minutes = Mute for how many minutes?
conversation-edited = edited
conversation-deleted = This message was deleted.
conversation-hidden = The facilitators hid this message.
conversation-hidden-for-members = Hidden from members
conversation-you = you
conversation-actions = Message actions
conversation-mentions-you = Mentions you
conversation-system-joined = { $name } joined the chat.
conversation-system-closed = { $name } ended the chat.
conversation-muted-until = You can read and report messages, but not write, until { $until }.
conversation-reported = Thank you. The facilitators will look at it.
conversation-reported-already = You have already reported this message.
conversation-muted = Muted for { $minutes ->
    [one] one minute
   *[other] { $minutes } minutes
}.
conversation-notify-heading = How you hear of new messages
conversation-notify-legend = When you are not on this page
conversation-notify-every = An email for new messages (at most one every quarter of an hour)
conversation-notify-mentions = An email only when someone mentions me
conversation-notify-digest = One email a day with what was said
conversation-notify-none = No emails
conversation-refused = You cannot do that here.
conversation-refused-muted = A facilitator has muted you for a while: you cannot write yet.
conversation-refused-ended = This chat has ended.
conversation-refused-failed = Something went wrong; nothing was changed. Please try again.
conversation-refused-mute = Only members of the channel can be muted, and never its facilitators.
conversation-refused-no-message = That message is not in this conversation.
conversation-refused-no-change = Nothing to change: it was already done.
conversation-refused-taken = Another peer has already taken this chat.
conversation-refused-unreadable = That message could not be read.
conversation-refused-setting = Please choose one of the options.
conversation-error-empty = Write something first.
conversation-error-long = A message can be at most 2,000 characters.
conversation-error-invalid = The message contains characters that cannot be sent.
conversation-error-mute-length = Mute for between 1 minute and 7 days.
conversation-mention-title = { $name } mentioned you in { $channel }
conversation-mention-body = Someone mentioned you in the channel. Open it to read and answer.
conversation-new-title = New messages in { $channel }
conversation-new-body = There are new messages in the channel. Open it to read them.
conversation-digest-title = Today in { $channel }
conversation-digest-body = { $count } new messages from { $names }.
conversation-report-title = A message was reported in { $channel }
conversation-report-body = A member reported a message. Open the channel to look at it.

drop-in-title = Talk to a peer now
drop-in-intro = During the student centres' drop-in hours you can chat here with a trained peer supporter. No account needed: a nickname is enough, and nothing else is asked.
drop-in-continue = Continue your chat
drop-in-start-heading = Start a chat
drop-in-centre = Which centre
drop-in-nickname = A nickname
drop-in-nickname-hint = Any name you like. The peer will see only this.
drop-in-start = Start the chat
drop-in-closed-heading = Nobody is on shift right now
drop-in-closed-body = The chat opens when a peer is on shift. If you need help now, the numbers below answer at any time.
drop-in-centres = Student centres
drop-in-open-now = Open now
drop-in-next-shift = Next drop-in: { $when }
drop-in-no-shift = No drop-in shift is planned for the next two weeks.
drop-in-error-centre = Choose a centre.
drop-in-error-closed = This centre has nobody on shift right now.
drop-in-chat-title = Your chat
drop-in-private = Only you and the peer who takes your chat can read it. You can leave this page and come back on this device.
drop-in-status-waiting = { $position ->
    [0] A peer will be with you soon.
    [one] You are next. A peer will be with you soon.
   *[other] You are number { $position } in the queue.
}
drop-in-status-with = You are chatting with { $name }.
drop-in-status-ended = This chat has ended.
drop-in-end = End the chat
drop-in-take = Take this chat
drop-in-write-log = Write the short log
drop-in-staff-title = Chat with { $name } · { $centre }
drop-in-queue-online = Online chat: open
drop-in-link = Chat with a peer online
flash-chat-ended = The chat has ended. Take care; you can start a new one any time we are open.
