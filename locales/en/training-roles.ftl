# Hearth — English. Roles that training unlocks, service terms and the
# training pipeline (issue 6). Every key also exists in sq/training-roles.ftl.

## What each role needs
role-training-title = Roles and the training they need
role-training-intro = Each role can ask for a minimum of training first: whole modules, signed off by a facilitator, and single sessions someone attended. A role whose training is not complete cannot be given, except by an administrator who says why.
role-training-none = No training needed.
role-training-change = Change what { $role } needs
role-training-for = Training for { $role }
role-training-form-intro = Tick whole modules, or single sessions within them. A module counts once a facilitator signed it off; a session counts once the person attended it.
role-training-whole-module = The whole of { $module }
role-training-one-session = Session: { $session }
role-training-save = Save what this role needs
role-training-module-item = { $module } ({ $curriculum })
role-training-session-item = The session “{ $session }” of { $module } ({ $curriculum })
flash-role-training-saved = Saved. People need this training before they are given the role.

## Giving a role
role-training-incomplete = { $role } needs training that is not complete yet.
role-training-still-to-do = Still to do:
role-training-override-reason = Reason for giving it now
role-training-override-hint = As an administrator you may give the role anyway. Say why (for example, trained elsewhere); the reason is kept on this person's page.
role-training-overrides = Roles given before the training was complete
role-training-override-missing = Missing then:
error-reason-required = Please say why.
audit-subject-role-training-override = a role given before its training was complete

## The trainee's page
role-training-unlocks = Roles this training leads to
role-training-progress = { $done } of { $total } done
role-training-held = Already holds this role.
role-training-complete = The training for this role is complete.
role-training-give = Give { $name } the role { $role } at { $site }
notice-training-complete-title = { $name } has completed the training for { $role }
notice-training-complete-body = Their training is complete. You can give them the role in one step from their training page.

## Service terms
role-term-legend = Term of service (peer workers)
role-term-hint = When they start and when they are expected to leave: three years at most. Left empty, the term is two years from today.
role-term-starts = Starts on
role-term-ends = Expected to leave on
role-term-invalid = Please check the term of service.
role-term-label = { $role } · { $starts } to { $ends }
error-term-order = The expected end must come after the start.
error-term-too-long = Students serve three years at most; please choose an earlier end.

## The pipeline
pipeline-title = Training pipeline
pipeline-intro = For each site and role: how many peer workers serve now, how many are expected to leave in the next { $months } months, and how many are on their way. When more are leaving than coming, it is time to start the next training cohort.
pipeline-today = As of { $date }.
pipeline-empty = No peer workers or trainees yet.
pipeline-active = Serving now
pipeline-leaving = Leaving in the next { $months } months
pipeline-overdue = Past their expected end
pipeline-in-training = In training
pipeline-ready = Trained, role not given yet
pipeline-plan-next = Time to plan the next cohort
pipeline-hint = "In training" counts trainees whose readiness conversation said ready, in training cohorts that are not archived, for each role their curriculum leads to and whose training they have not finished. Someone may be counted for several roles. Archive a cohort once it has finished.

## Running a session live
live-session-heading = Running it live online
live-session-hint = Choose the run sheet this session's activities follow. A session with one can be scheduled online: Hearth makes a live event for the cohort from it.
live-session-sheet = Run sheet
live-session-no-sheet = None: in a room only
live-session-save = Save the run sheet
live-session-where = How it runs
live-session-in-room = In a room
live-session-online = Online, as a live event
live-session-needs-sheet = This session has no run sheet yet. Choose one on the session's page in the curriculum to run it live.
live-session-open = Open the live event
live-session-join = Join online
