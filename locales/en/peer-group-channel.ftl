# A cohort peer group's channel between events (the same channel as a peer support group's).

peer-group-channel-heading = Your group's channel
peer-group-channel-invite = A place to keep talking between events: share how it's going, ask a question, cheer each other on.
peer-group-channel-open = Open the channel
peer-group-channel-who-reads = Everyone in your peer group reads this channel, and so do your cohort's facilitators, who look after it.
peer-group-channel-on-save = If the groups were saved before, each group's channel goes with the new group that keeps most of its people, so nothing anyone wrote is lost.
