# Hearth — English. Plain, warm words; every key also exists in sq/main.ftl.

## Layout and navigation
skip-to-content = Skip to main content
demo-banner = This is a demo of Hearth. The people and places are made up; try anything.
nav-label = Main
nav-menu = Menu
nav-home = Home
nav-cohorts = Cohorts
nav-sites = Sites
nav-programmes = Programmes
nav-people = People
nav-services = Services
nav-organisation = Organisation
nav-audit = Audit log
nav-notifications = Notifications
nav-profile = My profile
nav-help = Help
nav-get-help = Get help now
unread = unread
signed-in-as = Signed in as { $name }
sign-out = Sign out
language = Language
language-change = Change language
new = New
save = Save
cancel = Cancel
edit = Edit
edit-named = Edit { $name }
remove-named = Remove { $name }
archive = Archive
restore = Restore
archived = Archived
show-archived = Show archived ones too
hide-archived = Hide archived ones
choose = Choose…
search = Search
when = When
who = Who
what = What
whose = Whose data
participants = Participants
someone-removed = Someone whose account was removed
go-home = Go to my home page
confirm-archive = Archive this? It stays in the records and can be restored.
confirm-remove = Remove this role?
confirm-deactivate = Deactivate this account? The person is signed out everywhere and cannot sign in until it is reactivated.
pager-label = Pages
pager-previous = Previous page
pager-next = Next page
pager-position = Page { $page } of { $pages }
form-has-errors = { $count ->
    [one] There is one thing to fix below.
   *[other] There are { $count } things to fix below.
}

## Confirmations after an action
flash-saved = Saved.
flash-archived = Archived.
flash-restored = Restored.
flash-signed-out = You have signed out. See you soon.
flash-password-changed = Your password is changed. Please sign in with the new one.
flash-password-set = Your password is set. Welcome!
flash-invited = The invitation is on its way.
flash-imported = Everyone in the file was added and invited.
flash-member-added = Added to the cohort.
flash-member-removed = Removed from the cohort.
flash-role-added = Role given.
flash-role-removed = Role taken away.
flash-deactivated = The account is deactivated.
flash-reactivated = The account is active again.

## Errors in forms
error-email-required = Please enter an email address.
error-email-invalid = This does not look like an email address. It should look like name@example.org.
error-email-taken = Someone already has an account with this email address.
error-password-short = Please choose a password of at least 10 characters. A short sentence works well.
error-password-long = That password is too long: 200 characters at most.
error-password-mismatch = The two passwords are not the same.
error-current-password = That is not your current password.
error-name-required = Please enter a name.
error-name-long = Please keep this to 120 characters or fewer.
error-name-invalid = Please use letters, numbers and punctuation only.
error-text-long = This is too long. Please shorten it.
error-date-invalid = Please enter a date as year-month-day, for example 2026-09-21.
error-end-before-start = The end date is before the start date.
error-time-zone-invalid = Please enter a time zone such as Europe/Belgrade or America/Vancouver.
error-choose-one = Please choose one of the options.
error-role-not-yours = You cannot give this role in this place.
error-role-held = This person already holds that role there.

## Error pages
error-not-found-title = We could not find that page
error-not-found = The page may have moved, or the link may be mistyped.
error-forbidden-title = This page is not open to you
error-forbidden = Your role does not include this. If you think it should, ask your coordinator.
error-form-expired-title = Please try that again
error-form-expired = The form was open for a long time or came from another site, so nothing was changed. Go back, reload the page and send it again.
error-internal-title = Something went wrong on our side
error-internal = Nothing you wrote is lost. Please try again in a moment; if it keeps happening, tell your administrator the reference below.
error-request-id = Reference: { $id }

## Signing in
sign-in-title = Sign in
sign-in-intro = Welcome to Hearth. Sign in with the email address your coordinator invited.
sign-in = Sign in
field-email = Email address
field-password = Password
sign-in-failed = That email address and password do not match an account. Please check both and try again.
sign-in-paused = Too many tries for this email address. For your safety, please wait 15 minutes, or reset your password.
forgot-link = Forgot your password?
forgot-title = Reset your password
forgot-intro = Enter your email address and we will send you a link to choose a new password.
forgot-submit = Send me a link
forgot-sent = If an account uses that address, a link is on its way. It works for one hour.
back-to-sign-in = Back to sign in
reset-title = Choose a new password
reset-intro = Choose a new password for your account.
invitation-title = Welcome to Hearth
invitation-intro = Hello { $name }! Choose a password to finish setting up your account.
field-new-password = New password
field-confirm-password = The same password again
password-hint = At least 10 characters. A short sentence you will remember works well.
choose-password-submit = Save my password
link-expired = This link has expired or was already used. Ask for a new one below.
demo-accounts-title = Demo accounts
demo-accounts-intro = Every demo account uses the password hearth-demo.

## Emails
email-reset-subject = Choose a new Hearth password
email-reset-body = Hello { $name },

    Someone (we hope you) asked to reset your Hearth password. Open this link within an hour to choose a new one:

    { $link }

    If it was not you, you can ignore this message; your password stays the same.
email-invitation-subject = You are invited to { $organisation } on Hearth
email-invitation-body = Hello { $name },

    { $inviter } invited you to { $organisation } on Hearth, where we run our peer support programme together.

    Open this link to choose your password (it works for 14 days):

    { $link }

## Home
home-title = Home
home-greeting = Hello, { $name }
home-no-roles = You do not have a role yet. Your coordinator will add you to a cohort or a team soon.
home-news = New for you
home-all-notifications = See all notifications
home-at-a-glance = At a glance
home-your-cohorts = Cohorts
home-no-cohorts = No cohorts to show yet.
home-your-role = you are { $role }
home-peer-title = Your peer support work
home-peer-intro = Thank you for supporting your peers. The services directory lists where to refer someone who needs more help.
home-actions = What you can do
action-invite = Invite someone
action-import = Import people from a file
action-new-cohort = New cohort
action-new-site = New site
action-new-service = Add a service
action-audit = Audit log
action-services = Support services

## Roles and scopes
role-administrator = Administrator
role-coordinator = Coordinator
role-supervisor = Supervisor
role-safeguarding-lead = Safeguarding lead
role-facilitator = Facilitator
role-participant = Participant
role-peer-support-worker = Peer support worker
role-student-support-worker = Student support worker
role-student-resource-navigator = Student resource navigator
role-international-peer-support-mentor = International peer support mentor
role-international-student-peer-mentor = International student peer mentor
role-peer-academic-coach = Peer academic coach
role-peer-educator = Peer educator
scope-organisation = The whole organisation
scope-site = Site: { $name }
scope-cohort = Cohort: { $name }

## Sites
sites-title = Sites
sites-empty = No sites yet.
site-new-title = New site
site-edit-title = Edit this site
site-details = Site details
site-archived-notice = This site is archived. It stays in the records.
field-name = Name
field-site-kind = Kind of site
field-address = Address
site-kind-school = School
site-kind-campus = Campus
site-kind-municipality = Municipality
site-kind-community-centre = Community centre

## Programmes
programmes-title = Programmes
programmes-intro = A programme is the whole of what you offer, in phases (for example field phase I and II).
programmes-empty = No programmes yet.
programme-new-title = New programme
programme-create = Create programme
programme-edit-title = Edit this programme
phases-title = Phases
phases-empty = No phases yet.
phase-add = Add a phase
field-description = Description
field-starts-on = Starts on
field-ends-on = Ends on

## Cohorts
cohorts-title = Cohorts
cohorts-empty = No cohorts yet.
cohort-new-title = New cohort
cohort-name-hint = For example: Autumn dialogue cohort 2026
cohort-dates = { $start } to { $end }
cohort-participant-count = { $count ->
    [one] One participant
   *[other] { $count } participants
}
cohort-staff = Facilitators and staff
cohort-no-staff = Nobody facilitates this cohort yet.
cohort-no-participants = Nobody has joined yet.
cohort-archived-notice = This cohort is archived.
cohort-add-member = Add someone
cohort-add-member-hint = They need an account first: invite them from People.
cohort-add-member-submit = Add to cohort
cohort-member-unknown = Nobody has an account with this email address. Invite them from People first.
cohort-member-already = This person already has that role in this cohort.
field-programme = Programme and phase
field-site = Site
field-dates = Dates
field-role = Role

## People
people-title = People
people-search-label = Search by name or email
people-count = { $count ->
    [one] One person
   *[other] { $count } people
}
field-status = Status
status-active = Active
status-invited = Invited, not signed in yet
status-deactivated = Deactivated
invite-title = Invite someone
invite-intro = They will get an email with a link to choose their password.
invite-submit = Send the invitation
field-display-name = Name people will see
field-scope = Where
person-roles = Roles
person-no-roles = No roles yet.
person-add-role = Give a role
person-add-role-submit = Give this role
person-account = Account
person-reinvite = Send the invitation again
person-deactivate = Deactivate account
person-reactivate = Reactivate account

## Import
import-title = Import people from a file
import-intro = Upload a CSV file (or paste it) with a header row. The columns email and name are needed; role, site, cohort, language and pronouns are optional. You will see every row checked before anything is saved, and nothing is saved unless every row is right.
import-file = CSV file
import-paste = Or paste the contents here
import-check = Check the file
import-preview = What we found
import-ready = { $count ->
    [one] One row is ready to import.
   *[other] All { $count } rows are ready to import.
}
import-has-errors = Some rows need fixing. Nothing has been saved: correct the file and check it again.
import-confirm = { $count ->
    [one] Add this person and invite them
   *[other] Add these { $count } people and invite them
}
import-line = Line
import-problems = Check
import-row-ok = Ready
import-error-columns = The first row must name the columns, including email and name.
import-error-empty = The file has no people in it.
import-error-unreadable = We could not read this file. Please save it as CSV and try again.
import-error-row-unreadable = This row could not be read.
import-error-encoding = Please save the file as UTF-8 text.
import-error-too-big = The file is too big: please split it into files under 1 MB.
import-error-duplicate = This email address appears twice in the file.
import-error-role = "{ $role }" is not a role Hearth knows.
import-error-site = There is no site called "{ $site }".
import-error-cohort = There is no cohort called "{ $cohort }".
import-error-language = "{ $language }" is not a language Hearth speaks yet (en or sq).

## Profile
profile-title = My profile
profile-email = You sign in as { $email }
profile-about = About me
field-pronouns = Pronouns
field-pronouns-hint = Optional, for example she/her, he/him, they/them.
field-time-zone = Time zone
field-time-zone-hint = For example Europe/Belgrade. Leave empty to use the organisation's.
profile-password = Password
field-current-password = Current password
profile-change-password = Change password
profile-reads-title = Who has read what is recorded about you
profile-reads-intro = Whenever someone opens something sensitive about you, Hearth writes it down here.
profile-reads-none = Nobody has read anything sensitive about you.

## Notifications
notifications-title = Notifications
notifications-empty = Nothing new. We will let you know when something needs you.
notifications-mark-read = Mark all as read

## Services and help
services-title = Support services
services-intro = Where to turn for support: peer support for prevention, and psychological support for intervention.
services-empty = No services are listed yet.
service-new-title = Add a service
service-edit-title = Edit a service
service-kind-prevention = Prevention (peer support)
service-kind-intervention = Intervention (psychological support)
service-contact = Contact
service-contact-hint = A phone number becomes a button people can tap to call.
service-hours = Hours
service-languages = Languages
service-crisis-line = Crisis line
service-crisis-line-field = This is a crisis line: show it first on the help page
field-service-kind = Kind of service
help-title = Help
help-now-title = If you or someone else is in danger right now
help-steps-title = What to do now
help-step-safe = Make sure you and the person are safe. Move away from danger if you can.
help-step-call = Call one of the numbers above. You do not need to know what to say: tell them what is happening.
help-step-stay = If someone is at risk, stay with them, or ask someone you trust to stay, until help arrives.
help-step-tell = Afterwards, tell your supervisor or coordinator, and look after yourself too.
help-services-title = Support services

## Administration
organisation-title = Organisation
field-crisis-text = What to do in a crisis
field-crisis-text-hint = Shown at the top of the help page, for everyone, signed in or not.
audit-title = Audit log
audit-intro = Every read of sensitive information: who read it, when, and whose it was.
audit-empty = Nothing has been read yet.
audit-subject-session-log = a session log
audit-subject-reflection = a reflection
audit-subject-support-request = a support request
audit-subject-person-export = an export of their data
audit-subject-person-record = their record (contact details and roles)

## Notifications Hearth sends
notice-role-title = You are now { $role }: { $place }
notice-role-body = Open Hearth to see what this means for you and what comes next.

## Peer groups
flash-groups-saved = The groups are saved. They stay together for the whole course.
groups-heading = Peer groups
groups-manage = Form and adjust groups
groups-yours = your group
groups-title = Peer groups of { $cohort }
groups-intro = Small peer groups stay together for the whole course. Hearth proposes groups that are balanced on what you choose; you can lock people, move them and propose again before saving.
groups-current = Groups now
groups-none-yet = No groups have been formed yet.
groups-propose-title = Propose groups
groups-member-count = { $count ->
    [one] One participant to place.
   *[other] { $count } participants to place.
}
groups-size = People per group
groups-mix = Mix on
groups-mix-hint = Each value is spread as evenly as the numbers allow, so every group meets different schools and roles.
groups-match = Keep the same within a group
groups-match-hint = For example one language per group.
groups-propose = Propose groups
groups-labels-title = Describe the members
groups-labels-hint = One row per participant: the first column is the email address, the others are labels you choose (school, role...). Language comes from each person's profile.
groups-labels-field = Labels (CSV)
groups-labels-save = Save the labels
groups-labels-error-columns = The first row must start with email, followed by the names of your labels.
groups-labels-error-line = Line { $line } could not be read: check the email address and keep each label under 60 characters.
groups-labels-error-member = Line { $line }: { $email } is not a participant of this cohort.
groups-pairs-title = People to keep apart or together
groups-pairs-hint = One pair per line: two email addresses separated by a comma.
groups-apart = Keep apart
groups-together = Keep together
groups-pairs-save = Save the pairs
groups-pairs-error = Line { $line } needs two different participants' email addresses, separated by a comma.
groups-pairs-clash = The same two people cannot be kept both apart and together.
groups-history = Earlier versions
groups-count = { $count ->
    [one] one group
   *[other] { $count } groups
}
groups-in-use = in use now
groups-too-few = A cohort needs at least two participants to form groups.
groups-size-error = Please choose a group size between 2 and the number of participants.
groups-engine-error = These groups cannot be formed: { $problem }
groups-proposal-title = Proposed groups for { $cohort }
groups-proposal-intro = Nothing is saved yet. Move people with the "Move to" list (or drag them), lock those who should stay, then save or propose again.
groups-balance-perfect = perfectly mixed
groups-balance-off = at most { $off } away from an even mix
groups-match-perfect = every group shares one value
groups-match-off = { $count ->
    [one] one person differs from their group
   *[other] { $count } people differ from their group
}
groups-broken = Some wishes could not all be kept:
groups-default-name = Group { $number }
groups-name-label = Group name
groups-move-to = Move to group
groups-move-named = Move to group: { $name }
groups-lock = Keep here
groups-save = Save these groups
groups-propose-again = Propose again
groups-propose-again-hint = Proposing again keeps the people marked "Keep here" where they are and rearranges everyone else.
groups-save-missing = Everyone needs a group. Not placed: { $names }.
groups-save-alone = A group cannot have only one person. Move someone to join them.

## Events
flash-event-scheduled = The event is scheduled. Participants see it on their home page.
flash-rules-saved = The ground rules are saved. Everyone will be asked to accept them again.
events-title = Events of { $cohort }
events-heading = Events
events-manage = Schedule events
events-scheduled = Scheduled
events-none = No events yet.
events-schedule = Schedule an event
events-field-title = Title
events-field-date = Date
events-field-time = Time
events-field-sheet = Run sheet
events-step-count = { $count ->
    [one] one step
   *[other] { $count } steps
}
events-minutes = { $count ->
    [one] one minute
   *[other] { $count } minutes
}
events-schedule-submit = Schedule
events-field-audience = Who it is for
events-audience-cohort = The whole cohort
events-audience-group = Only the peer group { $group }
events-for-group = for the peer group { $group }
events-hosts = Co-facilitators
events-hosts-hint = People who run this event with you, for example a peer who brings lived experience. They may run this event, and no other.
events-hosts-none = Nobody else can co-facilitate yet: people who facilitate, or peer workers at this site, can.
events-error-audience = Please choose the whole cohort or one of its peer groups from the list.
events-error-hosts = Please choose co-facilitators from the list.
events-error-when = Please give the date and the time, for example 2026-12-01 and 18:00.
events-error-rules = Please write the ground rules, one per line (4,000 characters at most).
events-rules = Ground rules
events-rules-hint = One rule per line. Changing them asks everyone to accept them again before they next enter.
events-rules-default = These are Hearth's suggested rules; save them to make them your own.
events-rules-field = Rules
events-rules-save = Save the ground rules
events-rules-before = Before you enter for the first time, please read the ground rules we share.
events-rules-accept = I accept the ground rules
events-your-group = your group: { $group }
events-open-console = Open the facilitator's console
events-join = Join the live room
events-run-sheet = Run sheet
events-upcoming = Coming up
ground-rule-confidential = What is shared in the group stays in the group.
ground-rule-one-voice = One voice at a time: raise your hand to speak.
ground-rule-choose = Share only what you choose to share.
ground-rule-kind = Listen with empathy; no advice unless it is asked for.
step-kind-welcome = Welcome
step-kind-modelling = Modelling (peer video)
step-kind-reflection = Reflection
step-kind-dialogue = Dialogue in peer groups
step-kind-debrief = Debrief
step-kind-integration = Integration
step-kind-invitations = Invitations to support services
step-kind-community-action = Community action
step-kind-poll = Poll or quiz
step-kind-break = Break
step-kind-icebreaker = Icebreaker: This is who I am
step-kind-group-matters = Group matters
step-kind-world-cafe = World Café
step-kind-agree-next-date = Agreeing the next date
step-kind-guest-speaker = Guest speaker
step-kind-free-item = Free item
error-runsheet-empty = A run sheet needs at least one step.
error-step-title = Every step needs a title.
error-step-minutes = Every step needs a length between 1 minute and 24 hours.
error-step-speakers = A debrief needs at least one speaker.

## The live room
live-console = Facilitator's console
live-needs-script = The live room needs JavaScript. Please turn it on, or use a phone's usual browser.
live-connecting = Connecting…
live-reconnecting = The connection dropped. Reconnecting…
live-connected = Connected.
live-not-started = The event has not started yet. Stay on this page: it begins here.
live-ended = The event has ended. Thank you for taking part.
live-paused = Paused
live-time-left = Time left:
live-one-minute = One minute left on this step.
live-time-up = Time is up: the facilitator will move on when you are ready.
live-step-of = Step { $step } of { $steps }
live-start = Start the event
live-next = Next step
live-previous = Previous step
live-pause = Pause the timer
live-resume = Resume the timer
live-more-time = One more minute
live-less-time = One minute less
live-end = End the event
live-end-confirm = End the event for everyone?
live-broadcast = Message to every group
live-broadcast-send = Send to all
live-raise-hand = Raise my hand
live-lower-hand = Lower my hand
live-hands = Raised hands
live-hands-none = No hands raised.
live-need-support = I need support
live-support-sent = The facilitators have been told, privately. Someone will reach out to you. You can also turn to these services now:
live-support-alert = asked for support.
live-chat = Chat
live-chat-send = Send
live-chat-group = Your peer group
live-chat-everyone = Everyone
live-reflection = Your private reflection
live-reflection-saved = Saved. Only you can read this.
live-reflection-saving = Saving…
live-excerpt-open = Share a few lines with your group
live-excerpt-hint = Your reflection stays yours. Only what you put here is shared, and only with your peer group, in your group's room.
live-excerpt-label = What to share
live-excerpt-share = Share with my group
live-excerpt-shared = Shared with your group.
live-excerpt-from = shared from their reflection
live-groups = Groups
live-visit = Visit this group
live-leave-visit = Back to the large group
live-visiting = you are here
live-facilitator-joined = joined your group.
live-alerts = Calls for support
live-alerts-none = No calls for support.
live-reactions = Reactions
live-no-group = You are not in a peer group yet: the facilitator will place you.
live-prompts = Prompts
live-message-from = From { $name }:
live-lower-for = Lower their hand
live-video = Watch the peer video
live-services = Support services
live-refused-unreadable = That message could not be read.
live-refused-not-allowed = Only the event's facilitators can do that.
live-refused-failed = That could not be saved. Please try again.
live-refused-ended = The event has ended.
live-refused-started = The event has already started.
live-refused-not-started = The event has not started yet.
live-refused-last-step = This is the last step.
live-refused-first-step = This is the first step.
live-refused-not-running = The timer is not running.
live-refused-not-paused = The timer is not paused.
live-refused-adjust = The timer can change by up to three hours at a time.
live-refused-hand-up = Your hand is already raised.
live-refused-hand-down = That hand is not raised.
live-refused-empty = Please write something first.
live-refused-long = That message is too long (2,000 characters at most).
live-refused-reaction = That reaction is not one of the room's.
live-refused-no-group = You are not in a peer group yet.
flash-feedback-thanks = Thank you for your feedback.
events-feedback-title = Feedback
events-feedback-summary = { $count } answers, average { $average } out of 5. Answers are shown without names.
events-feedback-none = No feedback yet.
events-feedback-error = Please choose how it was, from 1 to 5; each answer may be up to 2,000 characters.
live-refused-not-debrief = Speakers are chosen during the debrief step.
live-refused-speakers = Please choose different people, at most ten.
live-speakers = Debrief speakers
live-speakers-propose = Propose speakers
live-speakers-announce = Announce the speakers
live-speakers-chosen = Sharing first insights:
live-speaker-n = Speaker { $step }
live-volunteer = volunteered
live-spoken = spoke before
live-feedback = Before you go: how was it?
live-feedback-rating = How was it? (1 = not good, 5 = very good)
live-feedback-helped = What helped?
live-feedback-change = What should we change?
live-feedback-send = Send my feedback
live-feedback-thanks = Thank you for your feedback.
live-video-call = Join your group's video call
live-here-now = Here now
live-nobody-here = nobody yet
live-guest = joining your group for this event
live-from-another-group = from another group, for this event
live-seated = For this part you are with the group { $name }.
live-seated-home = You are back with your own group, { $name }.
live-no-group-place = Here, not in a group yet
live-move = Move someone to another group
live-move-who = Who
live-move-to = To the group
live-move-send = Move
live-text-only = This server has no video service set up: your group talks here, by text.
flash-feed-ready = Your calendar feed is ready.
profile-calendar-title = My calendar
profile-calendar-intro = A private address your calendar app can subscribe to: your events appear there and stay up to date.
profile-calendar-address = Your private feed address
profile-calendar-once = Copy it now: for your privacy it is shown only once. Making a new one stops the old address.
profile-calendar-make = Make my calendar feed
profile-calendar-renew = Make a new address (the old one stops working)
events-add-to-calendar = Add to my calendar
flash-introduction-saved = Your introduction is saved. Your group will see it.
group-home-title = Your peer group
group-home-open = Your group's page: introductions and preparation
group-home-none = You are not in a peer group yet. Your facilitator will place you soon.
group-home-intro = This is your peer group's home between events. Say who you are, and read about the others.
group-home-prepare = Before the next event
group-home-no-video = The facilitator will share the peer video at the event.
group-home-who = Who we are
group-home-you = you
group-home-not-yet = Has not written an introduction yet.
group-home-yours = Your introduction
group-home-field = Who I am
group-home-hint = A few lines: what brings you here, what you hope for. Only your group and your facilitators read it.
group-home-error = Please write your introduction (2,000 characters at most).
group-home-other-groups = Other groups
flash-runsheet-copied = Copied. Edit the steps, then save.
nav-run-sheets = Run sheets
events-edit-sheets = Copy and edit run sheets
runsheets-title = Run sheets
runsheets-intro = A run sheet is the order of an event's steps. Copy one of the built-in sheets, then change, add, remove and reorder its steps. Events keep their own copy: editing a sheet never changes an event already scheduled.
runsheets-yours = Your organisation's run sheets
runsheets-none = None yet: copy a built-in one below.
runsheets-built-in = Built in
runsheets-copy-named = Copy { $name }
runsheets-copy-name = { $name } (copy)
runsheets-unsaved = Not saved yet: press Save when the steps are right.
runsheets-step-n = Step { $step }
runsheets-kind = Kind of step
runsheets-instructions = Instructions
runsheets-minutes = Minutes planned
runsheets-prompts = Prompts, one per line
runsheets-speakers = Debrief speakers (debrief steps only)
runsheets-video = Peer video link (modelling steps)
runsheets-up = Move up
runsheets-down = Move down
runsheets-remove = Remove this step
runsheets-add = Add a step
runsheets-new-step = New step
error-step-options = A poll needs at least two choices.
live-refused-not-poll = There is no poll at this step.
live-refused-option = That is not one of the poll's choices.
live-refused-voted = You have already voted in this poll.
live-refused-group = That group is not part of this event.
live-refused-person = That person is not in this event's groups.
live-refused-same-group = They are already with that group.
live-poll-vote = Vote
live-poll-voted = Thank you: your vote is counted.
runsheets-options = Poll choices, one per line (poll steps)
live-react-applause = Applause
live-react-love = Love
live-react-thanks = Thank you
live-react-smile = Smile
live-react-idea = Good idea
flash-video-added = The video is in the library.
nav-videos = Peer videos
videos-title = Peer videos
videos-intro = Videos in which peers model mindful sharing, empathic listening and self-awareness, for the modelling step of an event and for preparation. Pick one for a step in a run sheet.
videos-none = No videos yet.
videos-address = Address for a run sheet:
videos-upload = Upload a video file
videos-file = Video file (200 MB at most)
videos-upload-submit = Upload
videos-link = Add a link to a video
videos-url = Link
videos-link-submit = Add the link
videos-models = What it models
videos-error-file = Please choose a video file (200 MB at most).
videos-error-link = Please give a web address starting with https://
video-tag-mindful-sharing = Mindful sharing
video-tag-empathic-listening = Empathic listening
video-tag-self-awareness = Self-awareness

## Training
nav-curricula = Curricula
curricula-title = Curricula
curricula-intro = A curriculum is the course a training cohort follows: modules, each with sessions. Facilitators prepare each session from its learning intentions and its mini knowledge; trainees see only what is meant for them.
curricula-yours = Your organisation's curricula
curricula-none = None yet. Copy the built-in one below to begin.
curricula-module-count = { $count ->
    [one] one module
   *[other] { $count } modules
}
curricula-built-in = Ready to copy
curricula-copy-named = Make a copy of { $name }
curricula-copy-name = { $name }
curricula-start-new = Or start an empty one
curricula-create = Start a curriculum
curricula-modules = Modules
curricula-modules-hint = Modules may be delivered in any order, or on their own; "builds on" is a suggestion, not a rule.
curricula-no-modules = No modules yet.
curricula-readiness-tag = Before the programme
curricula-builds-on = Builds on: { $module }
curricula-up = Move up
curricula-down = Move down
curricula-sessions = Sessions
curricula-no-sessions = No sessions yet.
curricula-new-session = Title of a new session
curricula-add-session = Add the session
curricula-new-module = Title of a new module
curricula-add-module = Add the module
curricula-about = About this curriculum
curricula-stocktake = Personal stocktake questions
curricula-stocktake-hint = One question per line. Each trainee answers them privately before the programme.
curricula-edit-module = Edit the module
curricula-purpose = What the module is for
curricula-builds-on-field = Builds on
curricula-builds-on-hint = Which module this one follows on from, if any.
curricula-builds-on-none = Nothing: it stands on its own
curricula-edit-session = Edit the session
curricula-facilitator-view = This is the facilitator's view. Trainees see the learning intentions, the activities and the handout, never the mini knowledge.
curricula-learning-intentions = Learning intentions
curricula-activities = Activities
curricula-mini-knowledge = Mini knowledge
curricula-mini-knowledge-hint = Underpinning knowledge for facilitators, tied to the learning intentions. Never shown to trainees.
curricula-handout = Participant handout
curricula-handout-hint = What trainees receive for this session.
markdown-hint = You can use Markdown: **bold**, *italics*, lists starting with "-", and links.
flash-curriculum-created = The curriculum is ready for its first module.
flash-curriculum-copied = Your copy is ready. Change anything you like: the built-in one stays as it was.
flash-module-added = The module is added. Say what it is for.
flash-session-added = The session is added. Write its learning intentions and mini knowledge.
flash-moved = Moved.
error-too-many-questions = Please keep to 20 questions at most.
training-title = Training · { $cohort }
training-open = Training
training-curriculum = Curriculum
training-no-curriculum = This cohort does not follow a curriculum yet. Choose one to make it a training cohort.
training-curriculum-hint = Each cohort chooses its curriculum, so one programme can hold dialogue cohorts and training cohorts side by side.
training-no-curricula = There are no curricula yet. Copy the built-in one first.
training-choose-curriculum = The curriculum this cohort follows
training-use-curriculum = Use this curriculum
flash-curriculum-chosen = The cohort follows this curriculum now.
readiness-heading = Readiness before the programme
readiness-privacy-staff = A trainee's stocktake and recovery story are private. You see whether each is done, and read them only if the trainee shares them with you.
readiness-done = Done
readiness-started = Started
readiness-not-done = Not yet
readiness-shared = Shared with the facilitators
readiness-private = Private to you
readiness-share = Share with my facilitators
readiness-stop-sharing = Stop sharing
readiness-conversation = Readiness conversation
readiness-conversations = Readiness conversations
readiness-no-conversation = No conversation yet
readiness-not-shared = Not shared. It stays private to the trainee.
readiness-record = Record a conversation
readiness-held-on = Date of the conversation
readiness-outcome = What you agreed
readiness-outcome-ready = Ready to begin
readiness-outcome-not-yet = Not yet
readiness-outcome-other-support = Better served by other support for now
readiness-note = Private note
readiness-note-hint = For the cohort's facilitators only; the trainee does not see it.
readiness-record-submit = Record the conversation
flash-conversation-recorded = The conversation is recorded.
readiness-your-heading = Before we begin
readiness-your-intro = Take your personal stocktake and start writing your recovery story at home. Both are yours alone unless you choose to share them. Then you will talk it over with a facilitator.
readiness-your-outcome = Your readiness conversation on { $date }: { $outcome }.
readiness-not-yet-words = That is all right: take the time you need. You can talk again whenever you feel ready.
readiness-other-support-words = For now, other support may help you more. These services are here for you:
readiness-conversation-to-come = A facilitator will talk with you once you have had time for the stocktake and your story.
readiness-modules-wait = The modules open after a readiness conversation that says you are ready to begin.
flash-modules-after-readiness = That session opens after your readiness conversation.
stocktake-title = Personal stocktake
stocktake-intro = Take a quiet moment and answer each question honestly, for yourself first. There are no right answers. You can come back and change them.
stocktake-private-note = Only you can read your answers. Your facilitators see only whether you have answered them all.
stocktake-shared-note = You have shared your answers with your cohort's facilitators. You can stop sharing at any time.
stocktake-no-questions = This curriculum has no stocktake questions.
flash-stocktake-saved = Your stocktake is saved.
story-title = Recovery story
story-intro = Write about where you have been, what helped, and what you carry with you now. It saves as you type, and earlier versions are kept.
story-private-note = Only you can read your story, unless you choose to share it with your cohort's facilitators.
story-shared-note = You have shared your story with your cohort's facilitators. They see the newest version. You can stop sharing at any time.
story-label = Your story
story-hint = Write as much or as little as you like.
story-saving = Saving…
story-saved-now = Saved.
story-save-failed = Not saved yet. Use the Save button to keep what you wrote.
story-last-saved = Last saved { $time }
story-share = Share my story with my facilitators
story-earlier = Earlier versions
flash-story-saved = Your story is saved.
flash-shared = Shared with your cohort's facilitators.
flash-unshared = It is private to you again.
chime-title = CHIME self-reflection
chime-intro = Five themes that matter in personal recovery. Place yourself on each, from 1 (not at all) to 5 (very much). Do it at the start, at the end of each module, and whenever you like, and watch how it moves.
chime-privacy = Your answers and notes are yours. The programme sees only the cohort's averages, and only once at least five people have answered.
chime-home = Notice how you are on the five themes of recovery, and see how it changes over time.
chime-open = Reflect on CHIME
chime-history = How it has moved
chime-chart-caption = Your CHIME reflections over time, from 1 (bottom) to 5 (top). The table below has the same numbers.
chime-table-caption = Your reflections
chime-when = When
chime-note = Note
chime-new = A new reflection
chime-connectedness = Connectedness
chime-hope = Hope
chime-identity = Identity
chime-meaning = Meaning
chime-empowerment = Empowerment
chime-connectedness-hint = Feeling connected to other people, and supported.
chime-hope-hint = Hope and optimism about the future.
chime-identity-hint = A positive sense of who you are, beyond any difficulty.
chime-meaning-hint = Meaning and purpose in your life.
chime-empowerment-hint = Feeling in charge of your life and your choices.
chime-scale-hint = 1 means not at all, 5 means very much.
chime-note-field = A private note (if you like)
chime-note-hint = Only you will ever read it.
chime-cohort-heading = CHIME: the cohort as a whole
chime-cohort-based-on = { $count ->
    [one] From one person's latest reflection.
   *[other] The average of each person's latest reflection ({ $count } people).
}
chime-cohort-too-few = Averages appear once at least { $minimum } people have answered ({ $count } so far), so no one's answers can be read from them.
flash-chime-saved = Your reflection is saved.
error-chime-scale = Please choose a number from 1 to 5.
audit-subject-readiness-writing = a stocktake or recovery story they shared
materials-heading = Materials
materials-hint = Links and files for this session. Trainees see them with the handout.
materials-none = No materials yet.
materials-add-link = Add a link
materials-add-link-submit = Add the link
materials-upload = Upload a file
materials-file = File (20 MB at most)
materials-upload-submit = Upload
flash-material-added = The material is added.
flash-material-removed = The material is removed.
error-material-link = Please give a web address starting with https://
error-material-file = Please choose a file of 20 MB at most.
materials-confirm-remove = Remove this material?
delivery-heading = Sessions with the cohort
delivery-none = No sessions scheduled yet.
delivery-schedule = Schedule a session
delivery-session = Session
delivery-date = Date
delivery-time = Starts at
delivery-place = Room or place
delivery-place-hint = For a session in a room, for example: Student Centre, room 2. Online, you may leave it empty.
delivery-schedule-submit = Schedule the session
flash-session-scheduled = The session is scheduled.
attendance-title = Attendance
attendance-take = Take attendance
attendance-marked = { $count ->
    [one] one person marked
   *[other] { $count } people marked
}
attendance-hint = Mark each trainee as they arrive; you can come back and correct it. Trainees whose readiness conversation has not said ready yet are not listed for the modules.
attendance-nobody = No trainees are enrolled for this session yet.
attendance-present = Present
attendance-late = Late
attendance-absent = Absent
attendance-reason = Reason, if absent (optional)
flash-attendance-saved = Attendance is saved.
error-time-invalid = Please enter a time as hours:minutes, for example 18:30.
delivery-coming-up = Coming up
curricula-attendance-percent = Attendance needed to complete a module (%)
curricula-attendance-percent-hint = The share of a module's sessions a trainee attends before a facilitator can sign the module off.
error-percent = Please enter a whole number from 0 to 100.
progress-title = Progress
progress-hint = A module is complete when a trainee has attended { $percent }% of its sessions and a facilitator signs it off.
progress-grid-caption = Sessions attended, trainee by trainee
progress-trainee = Trainee
progress-attended = attended
progress-not-attended = not attended
progress-modules = Modules
progress-attended-of = attended { $attended } of { $total } sessions
progress-completed = Completed
progress-sign-off = Sign off as completed
progress-below-threshold = not enough sessions yet
progress-error-threshold = This trainee has not attended enough of the module's sessions to sign it off yet.
flash-signed-off = The module is signed off as completed.
certificate-title = Certificate of completion
certificate-this-is-to-say = This is to say that
certificate-completed = has completed
certificate-print = Use your browser's Print to keep a paper copy or a PDF.
certificate-open = Your certificate
cofac-with = Facilitated by
cofac-warning = No one facilitating this session has said they bring lived experience. A peer approach works best when someone with lived experience co-facilitates.
cofac-legend = Who co-facilitates
cofac-lived-tag = Brings lived experience
cofac-lived-hint = Training with a peer approach is co-facilitated by someone with lived experience. Say so here if that is you; it is shown to those who plan sessions.
cofac-lived-say = I bring lived experience
cofac-lived-stop = Take this away
feedback-question = How was "{ $session }"?
feedback-anonymous = Your answer is anonymous: facilitators see only how many gave each rating, once at least five have answered.
feedback-scale = 1 means not helpful, 5 means very helpful.
feedback-send = Send my feedback
flash-session-feedback-thanks = Thank you for your feedback.
feedback-counts = Feedback (rating: answers):
feedback-too-few = Feedback appears from { $minimum } answers ({ $count } so far).
