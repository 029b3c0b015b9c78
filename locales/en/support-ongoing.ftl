# Ongoing one-to-one support and referrals (issue 7).

action-my-support = My support

## Lived-experience topics
ongoing-topic-anxiety = Anxiety and worry
ongoing-topic-low-mood = Low mood and depression
ongoing-topic-eating = Eating and body image
ongoing-topic-substance-use = Alcohol and drugs
ongoing-topic-trauma = Trauma
ongoing-topic-grief = Grief and loss
ongoing-topic-chronic-illness = Living with an illness
ongoing-topic-disability = Disability
ongoing-topic-new-culture = A new country or culture
ongoing-topic-first-in-family = First in the family at university
ongoing-topic-lgbtq = LGBTQ+ life
ongoing-topic-student-life = Study and student life

ongoing-part-morning = morning
ongoing-part-afternoon = afternoon
ongoing-part-evening = evening

## Status
ongoing-status-open = Waiting for a peer to be matched
ongoing-status-matched = Matched: the peer will propose an agreement
ongoing-status-proposed = Agreement waiting for the student
ongoing-status-active = Under way
ongoing-status-closed = Closed
ongoing-session-n-of-m = Session { $n } of { $m }
ongoing-sessions-agreed = { $m } sessions agreed, none scheduled yet
ongoing-next = Next: session { $n } on { $when }
ongoing-with = with { $name }

## The student's page
ongoing-mine-title = My support
ongoing-mine-intro = Here you can ask for ongoing support with a trained peer, and follow the support you have.
ongoing-ask-title = Ask for ongoing support
ongoing-ask-privacy = A coordinator at the site reads this to find the right peer for you. Once you are matched, only you, your peer and their supervisors see what your support is about.
ongoing-ask-send = Send my request
ongoing-crisis-note = If you need help right now, don't wait for a match.
ongoing-field-site = Where
ongoing-field-help-with = What would you like help with?
ongoing-field-help-with-hint = A few words are enough. Share only what you are comfortable sharing.
ongoing-field-language = Language for the sessions
ongoing-field-kind = Kind of peer
ongoing-field-kind-hint = Peer support workers bring lived experience; other kinds help with study, resources or settling in.
ongoing-any = No preference
ongoing-field-topics = Lived experience that would help
ongoing-field-topics-hint = If it matters to you, choose what you would like your peer to have lived through too.
ongoing-field-availability = When you are free
ongoing-field-availability-hint = Tick the times that usually suit you.
ongoing-error-help-required = Please say in a few words what you would like help with.
flash-ongoing-asked = Your request is sent. A coordinator will match you with a peer and you will be told.

## Staff referring a student
ongoing-refer-title = Refer a student
ongoing-refer-intro = Ask for ongoing support on a student's behalf, with their agreement. They will be told and can follow it on their own page.
ongoing-field-student = The student's email
ongoing-field-student-hint = They need a Hearth account.
ongoing-refer-send = Send the referral
ongoing-error-no-such-student = Nobody with this email can be referred.
ongoing-referred-title = You were referred for ongoing support
ongoing-referred-body = { $name } asked for ongoing peer support for you. You will be told when a peer is matched.
flash-ongoing-referred = The referral is sent.
ongoing-referral-tag = Referral
ongoing-referred-by = Referred by { $name }

## The staff's list and matching
ongoing-list-title = Ongoing support
ongoing-list-intro = Requests waiting for a peer, the supports you hold, and the supports at your sites.
ongoing-list-empty = Nothing here yet.
ongoing-requests-title = Requests waiting for a peer
ongoing-asked-on = asked { $when }
ongoing-match = Match with a peer
ongoing-mine-as-peer = Supports you hold
ongoing-at-sites = Supports at your sites
ongoing-progress = Where it stands
ongoing-extensions-waiting = Extensions waiting for your decision
ongoing-new-request-title = A new request for ongoing support
ongoing-new-request-body = Someone is waiting to be matched with a peer.
ongoing-match-title = Match a request
ongoing-match-privacy = You see this request to match it. After the match, what the support is about stays with the student, the peer and the site's supervisors.
ongoing-suggested = Suggested peers, best match first
ongoing-no-peers = No peer worker serves this site yet.
ongoing-assign = Match with { $name }
ongoing-reason-kind = { $kind }, as asked
ongoing-reason-topics = Has lived through: { $topics }
ongoing-reason-language = Speaks { $language }
ongoing-reason-free = Free at the same times: { $times }
ongoing-reason-caseload = { $count ->
    [0] No ongoing supports now
    [one] One ongoing support now
   *[other] { $count } ongoing supports now
}
ongoing-reason-full = Not taking new supports now
ongoing-matched-peer-title = A student was matched with you
ongoing-matched-peer-body = You are { $name }'s peer for ongoing support. Propose how many sessions you will have and what they cover.
ongoing-matched-student-title = You have a peer
ongoing-matched-student-body = { $name } will be your peer. They will propose how many sessions you will have; nothing starts until you agree.
flash-ongoing-matched = Matched. Both were told.

## A peer's profile
ongoing-profile-title = My profile for matching
ongoing-profile-intro = Coordinators see this when they match students with peers. Nothing here is shown unless you choose it.
ongoing-open-to-new = I can take a new ongoing support
ongoing-profile-topics = Lived experience I am willing to bring
ongoing-profile-topics-hint = Optional. Only coordinators matching a student see it, to find someone who has walked a similar path.
ongoing-profile-languages = Languages I hold sessions in
ongoing-profile-save = Save my profile

## One support
ongoing-support-title = Ongoing support
ongoing-student = Student
ongoing-peer = Peer
ongoing-no-peer-yet = not matched yet
ongoing-sessions = Sessions
ongoing-scheduled-of = { $n } of { $m } scheduled
ongoing-extended-by = { $count } added by a supervisor
ongoing-counts-only = You see that this support exists and how far it is. What it is about stays with the student, the peer and the site's supervisors.
ongoing-request-title = The request
ongoing-agreement-title = The agreement
ongoing-agreed-sessions = { $count } sessions
ongoing-agreement-confirmed = Agreed by both.
ongoing-agreement-waiting = Waiting for the student to agree. No session is scheduled before.
ongoing-agreement-none = The peer has not proposed an agreement yet.
ongoing-confirm-hint = By agreeing, you know how many sessions there will be from the start. More are possible only with a supervisor's approval.
ongoing-confirm = I agree
ongoing-field-sessions = Number of sessions
ongoing-field-sessions-hint = From 1 to 12. Say it at the start: more need a supervisor's approval.
ongoing-field-covers = What the support covers
ongoing-field-covers-hint = In plain words, what you will work on together and how often.
ongoing-propose = Propose the agreement
ongoing-proposed-title = Your peer proposed an agreement
ongoing-proposed-body = { $name } proposed how many sessions you will have. Read it and agree if it suits you.
flash-ongoing-proposed = The agreement is proposed. The student is told.
ongoing-confirmed-title = The student agreed
ongoing-confirmed-body = { $name } agreed. You can schedule the first session.
flash-ongoing-confirmed = Thank you. Your peer can now schedule your sessions.
ongoing-no-sessions = No session scheduled yet.
ongoing-held = held
ongoing-add-to-calendar = Add to my calendar
ongoing-schedule-title = Schedule the next session
ongoing-field-room = Confidential room (optional)
ongoing-schedule = Schedule and send the invitation
ongoing-room-purpose = Ongoing support session
ongoing-limit-reached = Every agreed session is scheduled. Ask a supervisor for an extension if more are needed.
ongoing-error-not-confirmed = The student has not agreed yet: sessions can be scheduled once they do.
ongoing-error-closed = This support is closed.
ongoing-error-limit = Every agreed session is scheduled. More need a supervisor's approval.
ongoing-error-required = Please fill this in.
ongoing-error-extra = Between 1 and 6 more sessions.
flash-ongoing-scheduled = The session is scheduled. Both of you have the invitation.
ongoing-calendar-title = Peer support · session { $n } of { $m }
ongoing-calendar-with = { $student } and { $peer }
ongoing-invitation-subject = Session { $n } of { $m }: { $when }
ongoing-invitation-body = Your next ongoing support session is scheduled. The calendar invitation is attached.
ongoing-reminder-title = Your session is tomorrow
ongoing-reminder-body = Session { $n } of { $m } is on { $when }.
ongoing-extensions-title = More sessions
ongoing-extension-more = { $count ->
    [one] One more session
   *[other] { $count } more sessions
}
ongoing-extension-hint = Only a supervisor of the site can add sessions. Say why more would help.
ongoing-field-extra = How many more
ongoing-field-reason = Why
ongoing-extension-ask = Ask a supervisor
ongoing-extension-approve = Approve
ongoing-extension-decline = Decline
ongoing-extension-waiting = Waiting for a supervisor
ongoing-extension-approved = Approved
ongoing-extension-declined = Declined
ongoing-extension-asked-title = A peer asks for more sessions
ongoing-extension-asked-body = { $name } asks to extend an ongoing support.
ongoing-extension-decided-title = Your extension request was decided
ongoing-extension-approved-body = { $name } approved the extra sessions.
ongoing-extension-declined-body = { $name } declined the extra sessions.
flash-ongoing-extension-asked = Your request is sent to the site's supervisors.
flash-ongoing-extension-decided = Decided. The peer is told.
ongoing-close-title = Close the support
ongoing-field-summary = Closing summary
ongoing-field-summary-hint = A few warm lines for the student: what you worked on, what helped, where to turn next.
ongoing-close = Close with this summary
ongoing-closed-title = Your ongoing support is closed
ongoing-closed-body = { $name } wrote a closing summary for you.
ongoing-summary-title = Closing summary
flash-ongoing-closed = The support is closed. The student can read your summary.
flash-ongoing-not-now = That can't be done now: the support has moved on. Here is where it stands.
ongoing-home-title = Ongoing support
ongoing-referrals-title = Referred to services

## Referrals to services
referral-new-title = Refer to a service
referral-back = Back
referral-for = For { $name }
referral-walk-in = a drop-in visitor on { $date }
referral-service = Which service
referral-note = A note for yourself
referral-note-hint = Optional: what you agreed, what to ask when you check in.
referral-days = Remind me to check in after how many days
referral-days-hint = From 1 to 60.
referral-make = Make the referral
ongoing-error-follow-up = Between 1 and 60 days.
flash-referral-made = The referral is recorded. You will be reminded to check in.
referral-list-title = My referrals
referral-list-intro = The services you referred people to. Check in when the reminder comes and record how it went.
referral-none = You have not referred anyone yet.
referral-made-on = referred { $when }
referral-due = Time to check in (since { $when }).
referral-follow-up-on = Check in on { $when }.
referral-outcome = How did it go?
referral-outcome-taken-up = Taken up
referral-outcome-declined = Declined
referral-outcome-not-reachable = Not reachable
referral-outcome-waiting = Still waiting
referral-record = Record
flash-referral-recorded = Recorded. Thank you for checking in.
flash-referral-choose = Please choose how it went.
referral-follow-up-title = Time to check in on a referral
referral-follow-up-body = How is { $name } doing with { $service }? Record what you hear.
referral-alerts-title = "I need support" alerts
referral-alerts-intro = People who asked for support during this event. Only the event's facilitators see this.
referral-made-here = Your referrals from this event
referral-alerts-link = "I need support" alerts and referrals

## Reports
reports-ongoing-title = Ongoing one-to-one support
reports-ongoing-open = Ongoing supports open
reports-ongoing-closed = Ongoing supports closed
reports-referrals-title = Referrals by service
reports-referrals-service = Service
reports-referrals-count = Referrals
reports-referrals-none = No referrals in this period.
reports-ongoing-status = Where they stand
reports-ongoing-count = Supports
reports-ongoing-caption = Ongoing supports asked for in the chosen period, at the chosen sites
reports-referrals-caption = Referrals made in the chosen period, by the service referred to
referral-choose = Choose…
ongoing-profile-availability = When I am usually free
