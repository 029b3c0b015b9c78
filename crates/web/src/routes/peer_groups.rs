//! A cohort's peer groups: describe the members, propose balanced groups,
//! lock and move people, save. Each save is kept, so the history of who was
//! in which group when is never lost.

use super::{form_status, no_store, see_other};
use crate::context::SignedIn;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::{Layout, format_time};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::input::{Email, Name};
use hearth_domain::policy::{Action, in_peer_group_channel};
use hearth_domain::roles::Role;
use hearth_domain::{CohortId, UserId};
use hearth_groups::SearchLimits;
use hearth_groups::people::People;
use hearth_groups::persistent::{PersistentRequest, form_groups};
use hearth_groups::sizes::Sizing;
use hearth_store::{Arrangement, Cohort, MemberPair, NewGroup, PairKind};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::{Duration, Instant};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cohorts/{id}/groups", get(groups_get))
        .route("/cohorts/{id}/groups/labels", post(labels_post))
        .route("/cohorts/{id}/groups/pairs", post(pairs_post))
        .route("/cohorts/{id}/groups/propose", post(propose_post))
        .route("/cohorts/{id}/groups/save", post(save_post))
        .route("/cohorts/{id}/my-group", get(group_home_get))
        .route("/cohorts/{id}/introduction", post(introduction_post))
}

/// The language in people's profiles can always be used for grouping.
const LANGUAGE: &str = "language";
/// How long a proposal may take before the best found is shown.
const PROPOSAL_BUDGET: Duration = Duration::from_millis(150);

/// A participant as the grouping pages need them.
#[derive(Debug, Clone)]
struct Member {
    id: UserId,
    name: String,
    email: String,
    labels: BTreeMap<String, String>,
}

impl Member {
    fn describe(&self) -> String {
        self.labels
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

struct Context {
    cohort: Cohort,
    members: Vec<Member>,
    label_names: Vec<String>,
    pairs: Vec<MemberPair>,
}

async fn load(state: &AppState, me: &SignedIn, id: CohortId) -> AppResult<Context> {
    let cohort = state.store.org().cohort(id).await?;
    me.require(Action::ManagePeerGroups, cohort.scope())?;
    let labels = state.store.peer_groups().labels(id).await?;
    let mut members = Vec::new();
    for member in state.store.org().cohort_members(id).await? {
        if member.role != Role::Participant {
            continue;
        }
        let person = state.store.people().get(member.user_id).await?;
        let mut own = labels.get(&member.user_id).cloned().unwrap_or_default();
        if let Some(language) = person.language {
            own.entry(LANGUAGE.to_owned()).or_insert(language);
        }
        members.push(Member {
            id: member.user_id,
            name: member.display_name,
            email: member.email,
            labels: own,
        });
    }
    let label_names: BTreeSet<String> = members
        .iter()
        .flat_map(|m| m.labels.keys().cloned())
        .collect();
    let pairs = state.store.peer_groups().pairs(id).await?;
    Ok(Context {
        cohort,
        members,
        label_names: label_names.into_iter().collect(),
        pairs,
    })
}

struct GroupView {
    index: usize,
    name: String,
    members: Vec<(Member, bool)>,
    /// e.g. "school: A 2 · B 1"
    spread: Vec<String>,
}

struct HistoryRow {
    when: String,
    by: String,
    groups: usize,
    current: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "groups/cohort_groups.html")]
struct CohortGroupsView {
    layout: Layout,
    cohort: Cohort,
    member_count: usize,
    current: Vec<GroupView>,
    history: Vec<HistoryRow>,
    label_names: Vec<String>,
    labels_csv: String,
    apart_text: String,
    together_text: String,
    error: Option<String>,
    size: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "groups/proposal.html")]
struct ProposalView {
    layout: Layout,
    cohort: Cohort,
    groups: Vec<GroupView>,
    mix: Vec<String>,
    matched: Vec<String>,
    size: usize,
    seed: u64,
    balance: Vec<(String, String)>,
    broken: Vec<String>,
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

fn spread(members: &[&Member], label_names: &[String]) -> Vec<String> {
    label_names
        .iter()
        .filter_map(|label| {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for member in members {
                if let Some(value) = member.labels.get(label) {
                    *counts.entry(value.as_str()).or_default() += 1;
                }
            }
            (!counts.is_empty()).then(|| {
                let values: Vec<String> = counts.iter().map(|(v, c)| format!("{v} {c}")).collect();
                format!("{label}: {}", values.join(" · "))
            })
        })
        .collect()
}

fn arrangement_view(
    arrangement: &Arrangement,
    members: &[Member],
    label_names: &[String],
) -> Vec<GroupView> {
    let by_id: HashMap<UserId, &Member> = members.iter().map(|m| (m.id, m)).collect();
    arrangement
        .groups
        .iter()
        .enumerate()
        .map(|(index, group)| {
            let in_group: Vec<&Member> = group
                .members
                .iter()
                .filter_map(|id| by_id.get(id).copied())
                .collect();
            GroupView {
                index,
                name: group.name.clone(),
                spread: spread(&in_group, label_names),
                members: in_group.into_iter().map(|m| (m.clone(), false)).collect(),
            }
        })
        .collect()
}

fn labels_csv(members: &[Member], label_names: &[String]) -> String {
    let editable: Vec<&String> = label_names.iter().filter(|l| *l != LANGUAGE).collect();
    if editable.is_empty() {
        return String::new();
    }
    let mut csv = String::from("email");
    for label in &editable {
        csv.push(',');
        csv.push_str(label);
    }
    csv.push('\n');
    for member in members {
        csv.push_str(&member.email);
        for label in &editable {
            csv.push(',');
            csv.push_str(member.labels.get(*label).map(String::as_str).unwrap_or(""));
        }
        csv.push('\n');
    }
    csv
}

fn pairs_text(pairs: &[MemberPair], members: &[Member], kind: PairKind) -> String {
    let email: HashMap<UserId, &str> = members.iter().map(|m| (m.id, m.email.as_str())).collect();
    pairs
        .iter()
        .filter(|p| p.kind == kind)
        .filter_map(|p| {
            Some(format!(
                "{}, {}\n",
                email.get(&p.first)?,
                email.get(&p.second)?
            ))
        })
        .collect()
}

async fn overview(
    state: &AppState,
    me: &SignedIn,
    context: Context,
    error: Option<String>,
    drafts: Option<(String, String, String)>,
    done: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(state).await?;
    let history = state.store.peer_groups().history(context.cohort.id).await?;
    let current = history
        .first()
        .map(|a| arrangement_view(a, &context.members, &context.label_names))
        .unwrap_or_default();
    let rows = history
        .iter()
        .enumerate()
        .map(|(i, a)| HistoryRow {
            when: format_time(a.saved_at, &zone),
            by: a
                .saved_by_name
                .clone()
                .unwrap_or_else(|| tr.t("someone-removed")),
            groups: a.groups.len(),
            current: i == 0,
        })
        .collect();
    let (labels, apart, together) = drafts.unwrap_or_else(|| {
        (
            labels_csv(&context.members, &context.label_names),
            pairs_text(&context.pairs, &context.members, PairKind::Apart),
            pairs_text(&context.pairs, &context.members, PairKind::Together),
        )
    });
    let status = form_status(error.is_some());
    let title = tr.t1("groups-title", "cohort", &context.cohort.name);
    let view = CohortGroupsView {
        layout: Layout::new(state, &me.ctx, "/cohorts", title)
            .await
            .with_flash(done),
        member_count: context.members.len(),
        cohort: context.cohort,
        current,
        history: rows,
        label_names: context.label_names,
        labels_csv: labels,
        apart_text: apart,
        together_text: together,
        error,
        size: 5,
    };
    Ok((status, no_store(view)).into_response())
}

async fn groups_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Query(query): Query<DoneQuery>,
) -> AppResult<Response> {
    let context = load(&state, &me, id).await?;
    overview(&state, &me, context, None, None, query.done.as_deref()).await
}

#[derive(Deserialize)]
struct LabelsForm {
    labels: String,
}

/// Reads `email,label,...` rows; every email must be a participant here.
fn parse_labels(
    tr: &Tr,
    text: &str,
    members: &[Member],
) -> Result<Vec<(UserId, String, String)>, String> {
    let by_email: HashMap<&str, UserId> =
        members.iter().map(|m| (m.email.as_str(), m.id)).collect();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| tr.t("import-error-unreadable"))?
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    if headers.first().map(String::as_str) != Some("email") || headers.len() < 2 {
        return Err(tr.t("groups-labels-error-columns"));
    }
    for label in &headers[1..] {
        Name::parse(label).map_err(|_| tr.t("groups-labels-error-columns"))?;
    }
    let mut labels = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = record.map_err(|_| tr.t1("groups-labels-error-line", "line", line))?;
        let email = Email::parse(record.get(0).unwrap_or(""))
            .map_err(|_| tr.t1("groups-labels-error-line", "line", line))?;
        let user = by_email.get(email.as_str()).ok_or_else(|| {
            tr.args(
                "groups-labels-error-member",
                &[("line", line.to_string()), ("email", email.to_string())],
            )
        })?;
        for (label, value) in headers[1..].iter().zip(record.iter().skip(1)) {
            if value.chars().count() > 60 {
                return Err(tr.t1("groups-labels-error-line", "line", line));
            }
            if !value.is_empty() {
                labels.push((*user, label.clone(), value.to_owned()));
            }
        }
    }
    Ok(labels)
}

async fn labels_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(form): Form<LabelsForm>,
) -> AppResult<Response> {
    let context = load(&state, &me, id).await?;
    let tr = Tr::new(me.ctx.language);
    match parse_labels(&tr, &form.labels, &context.members) {
        Ok(labels) => {
            state
                .store
                .peer_groups()
                .replace_labels(id, &labels)
                .await?;
            Ok(see_other(&format!("/cohorts/{id}/groups?done=flash-saved")))
        }
        Err(error) => {
            let apart = pairs_text(&context.pairs, &context.members, PairKind::Apart);
            let together = pairs_text(&context.pairs, &context.members, PairKind::Together);
            overview(
                &state,
                &me,
                context,
                Some(error),
                Some((form.labels, apart, together)),
                None,
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct PairsForm {
    apart: String,
    together: String,
}

fn parse_pairs(
    tr: &Tr,
    text: &str,
    kind: PairKind,
    members: &[Member],
) -> Result<Vec<MemberPair>, String> {
    let by_email: HashMap<&str, UserId> =
        members.iter().map(|m| (m.email.as_str(), m.id)).collect();
    let mut pairs = Vec::new();
    for (index, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let problem = || tr.t1("groups-pairs-error", "line", index + 1);
        let (a, b) = line.split_once(',').ok_or_else(problem)?;
        let a = by_email
            .get(a.trim().to_lowercase().as_str())
            .ok_or_else(problem)?;
        let b = by_email
            .get(b.trim().to_lowercase().as_str())
            .ok_or_else(problem)?;
        if a == b {
            return Err(problem());
        }
        pairs.push(MemberPair {
            first: *a,
            second: *b,
            kind,
        });
    }
    Ok(pairs)
}

async fn pairs_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(form): Form<PairsForm>,
) -> AppResult<Response> {
    let context = load(&state, &me, id).await?;
    let tr = Tr::new(me.ctx.language);
    let apart = parse_pairs(&tr, &form.apart, PairKind::Apart, &context.members);
    let together = parse_pairs(&tr, &form.together, PairKind::Together, &context.members);
    match (apart, together) {
        (Ok(mut apart), Ok(together)) => {
            let clash = apart.iter().any(|a| {
                together.iter().any(|t| {
                    (a.first, a.second) == (t.first, t.second)
                        || (a.first, a.second) == (t.second, t.first)
                })
            });
            if clash {
                let labels = labels_csv(&context.members, &context.label_names);
                return overview(
                    &state,
                    &me,
                    context,
                    Some(tr.t("groups-pairs-clash")),
                    Some((labels, form.apart, form.together)),
                    None,
                )
                .await;
            }
            apart.extend(together);
            state.store.peer_groups().replace_pairs(id, &apart).await?;
            Ok(see_other(&format!("/cohorts/{id}/groups?done=flash-saved")))
        }
        (Err(error), _) | (_, Err(error)) => {
            let labels = labels_csv(&context.members, &context.label_names);
            overview(
                &state,
                &me,
                context,
                Some(error),
                Some((labels, form.apart, form.together)),
                None,
            )
            .await
        }
    }
}

/// The fields of the proposal form: settings, and per person a group and a lock.
struct ProposalForm {
    size: usize,
    seed: u64,
    mix: Vec<String>,
    matched: Vec<String>,
    assigned: HashMap<UserId, usize>,
    locked: BTreeSet<UserId>,
    names: HashMap<usize, String>,
}

impl ProposalForm {
    fn read(fields: &[(String, String)]) -> ProposalForm {
        let mut form = ProposalForm {
            size: 5,
            seed: 0,
            mix: Vec::new(),
            matched: Vec::new(),
            assigned: HashMap::new(),
            locked: BTreeSet::new(),
            names: HashMap::new(),
        };
        for (key, value) in fields {
            match key.as_str() {
                "size" => form.size = value.trim().parse().unwrap_or(0),
                "seed" => form.seed = value.trim().parse().unwrap_or(0),
                "mix" => form.mix.push(value.clone()),
                "match" => form.matched.push(value.clone()),
                _ => {
                    if let Some(user) = key.strip_prefix("group-").and_then(|u| u.parse().ok()) {
                        if let Ok(group) = value.parse::<usize>() {
                            form.assigned.insert(user, group.saturating_sub(1));
                        }
                    } else if let Some(user) =
                        key.strip_prefix("lock-").and_then(|u| u.parse().ok())
                    {
                        form.locked.insert(user);
                    } else if let Some(group) = key
                        .strip_prefix("name-")
                        .and_then(|g| g.parse::<usize>().ok())
                    {
                        form.names.insert(group, value.clone());
                    }
                }
            }
        }
        form
    }
}

async fn propose_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let context = load(&state, &me, id).await?;
    let tr = Tr::new(me.ctx.language);
    let form = ProposalForm::read(&fields);
    if context.members.len() < 2 {
        return overview(
            &state,
            &me,
            context,
            Some(tr.t("groups-too-few")),
            None,
            None,
        )
        .await;
    }
    if form.size < 2 || form.size > context.members.len() {
        return overview(
            &state,
            &me,
            context,
            Some(tr.t("groups-size-error")),
            None,
            None,
        )
        .await;
    }
    let known = |names: &[String]| {
        names
            .iter()
            .filter(|n| context.label_names.contains(n))
            .cloned()
            .collect::<Vec<_>>()
    };
    let (mix, matched) = (known(&form.mix), known(&form.matched));

    let people = People::from_records(
        context
            .members
            .iter()
            .map(|m| (m.id.to_string(), m.labels.clone()))
            .collect(),
    )
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let index: HashMap<UserId, usize> = context
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id, i))
        .collect();
    let pair_indexes = |kind: PairKind| -> Vec<(usize, usize)> {
        context
            .pairs
            .iter()
            .filter(|p| p.kind == kind)
            .filter_map(|p| Some((*index.get(&p.first)?, *index.get(&p.second)?)))
            .collect()
    };
    let locked: Vec<(usize, usize)> = form
        .locked
        .iter()
        .filter_map(|user| Some((*index.get(user)?, *form.assigned.get(user)?)))
        .collect();
    let request = PersistentRequest {
        people,
        sizing: Sizing::Target(form.size),
        mix: mix.clone(),
        matched: matched.clone(),
        keep_apart: pair_indexes(PairKind::Apart),
        keep_together: pair_indexes(PairKind::Together),
        locked,
        history: Vec::new(),
        seed: form.seed,
        limits: SearchLimits {
            deadline: Instant::now().checked_add(PROPOSAL_BUDGET),
            max_iterations: None,
        },
    };
    // The search is CPU work: keep it off the async threads.
    let result = tokio::task::spawn_blocking(move || form_groups(&request))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let proposal = match result {
        Ok(proposal) => proposal,
        Err(error) => {
            let message = tr.t1("groups-engine-error", "problem", error.to_string());
            return overview(&state, &me, context, Some(message), None, None).await;
        }
    };
    let groups = proposal
        .groups
        .iter()
        .enumerate()
        .map(|(g, indexes)| {
            let members: Vec<&Member> = indexes
                .iter()
                .filter_map(|i| context.members.get(*i))
                .collect();
            GroupView {
                index: g,
                name: form
                    .names
                    .get(&g)
                    .cloned()
                    .unwrap_or_else(|| tr.t1("groups-default-name", "number", g + 1)),
                spread: spread(&members, &context.label_names),
                members: members
                    .into_iter()
                    .map(|m| (m.clone(), form.locked.contains(&m.id)))
                    .collect(),
            }
        })
        .collect();
    let balance = proposal
        .quality
        .balance
        .iter()
        .map(|(attribute, off)| {
            let verdict = if *off <= 0.0 {
                tr.t("groups-balance-perfect")
            } else {
                tr.t1("groups-balance-off", "off", off)
            };
            (attribute.clone(), verdict)
        })
        .chain(
            proposal
                .quality
                .mismatched
                .iter()
                .map(|(attribute, count)| {
                    let verdict = if *count == 0 {
                        tr.t("groups-match-perfect")
                    } else {
                        tr.n("groups-match-off", "count", *count)
                    };
                    (attribute.clone(), verdict)
                }),
        )
        .collect();
    let view = ProposalView {
        layout: Layout::new(
            &state,
            &me.ctx,
            "/cohorts",
            tr.t1("groups-proposal-title", "cohort", &context.cohort.name),
        )
        .await,
        cohort: context.cohort,
        groups,
        mix,
        matched,
        size: form.size,
        seed: form.seed,
        balance,
        broken: proposal.quality.constraints_broken,
    };
    Ok(no_store(view))
}

async fn save_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let context = load(&state, &me, id).await?;
    let tr = Tr::new(me.ctx.language);
    let form = ProposalForm::read(&fields);
    // Every participant must be in a group, and no group may be left with one person.
    let group_count = form.assigned.values().max().map(|m| m + 1).unwrap_or(0);
    let mut groups: Vec<NewGroup> = (0..group_count)
        .map(|g| NewGroup {
            name: form
                .names
                .get(&g)
                .and_then(|n| Name::parse(n).ok())
                .map(Name::into_string)
                .unwrap_or_else(|| tr.t1("groups-default-name", "number", g + 1)),
            members: Vec::new(),
        })
        .collect();
    let mut missing = Vec::new();
    for member in &context.members {
        match form
            .assigned
            .get(&member.id)
            .and_then(|g| groups.get_mut(*g))
        {
            Some(group) => group.members.push(member.id),
            None => missing.push(member.name.clone()),
        }
    }
    groups.retain(|g| !g.members.is_empty());
    let problem = if !missing.is_empty() {
        Some(tr.t1("groups-save-missing", "names", missing.join(", ")))
    } else if groups.iter().any(|g| g.members.len() < 2) {
        Some(tr.t("groups-save-alone"))
    } else {
        None
    };
    if let Some(problem) = problem {
        return overview(&state, &me, context, Some(problem), None, None).await;
    }
    state
        .store
        .peer_groups()
        .save(id, me.user.person.id, &groups)
        .await?;
    Ok(see_other(&format!(
        "/cohorts/{id}/groups?done=flash-groups-saved"
    )))
}

#[derive(Deserialize)]
struct GroupQuery {
    group: Option<Uuid>,
    done: Option<String>,
}

struct IntroductionRow {
    name: String,
    text: Option<String>,
    mine: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "groups/group_home.html")]
struct GroupHomeView {
    layout: Layout,
    cohort: Cohort,
    group_name: Option<String>,
    members: Vec<IntroductionRow>,
    is_member: bool,
    own_text: String,
    next_event: Option<(hearth_store::Event, String, Option<String>)>,
    other_groups: Vec<(Uuid, String)>,
    /// The group's channel, for its members and the cohort's facilitators.
    channel: Option<String>,
    error: Option<String>,
}

/// Longest introduction kept.
const MAX_INTRODUCTION_CHARS: usize = 2000;

/// A peer group's home between events: who is in it, their introductions,
/// and the next event's peer video to watch beforehand (`seeds/000`, step 2).
async fn group_home(
    state: &AppState,
    me: &SignedIn,
    id: CohortId,
    chosen: Option<Uuid>,
    error: Option<String>,
    done: Option<&str>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    let scope = cohort.scope();
    let host = me.may(Action::ManagePeerGroups, scope) || me.may(Action::RunEvent, scope);
    if !host && !me.may(Action::JoinEvent, scope) {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let user = me.user.person.id;
    let arrangement = state.store.peer_groups().current(id).await?;
    let groups = arrangement.map(|a| a.groups).unwrap_or_default();
    let mine = groups.iter().find(|g| g.members.contains(&user));
    // Hosts may look at any group; members only at their own.
    let group = match (host, chosen) {
        (true, Some(wanted)) => groups.iter().find(|g| g.id == wanted),
        (true, None) => mine.or(groups.first()),
        (false, _) => mine,
    };
    let names: HashMap<UserId, String> = state
        .store
        .org()
        .cohort_members(id)
        .await?
        .into_iter()
        .map(|m| (m.user_id, m.display_name))
        .collect();
    let people: Vec<UserId> = group.map(|g| g.members.clone()).unwrap_or_default();
    let intros = state.store.peer_groups().introductions(id, &people).await?;
    let members = people
        .iter()
        .map(|u| IntroductionRow {
            name: names.get(u).cloned().unwrap_or_default(),
            text: intros.get(u).cloned(),
            mine: *u == user,
        })
        .collect();
    let own_text = state
        .store
        .peer_groups()
        .introductions(id, &[user])
        .await?
        .remove(&user)
        .unwrap_or_default();
    let zone = me.time_zone(state).await?;
    let next_event = state
        .store
        .events()
        .for_cohort(id)
        .await?
        .into_iter()
        .find(|e| !e.cancelled && e.starts_at > hearth_store::now_ms() - 3 * 3_600_000)
        .map(|e| {
            let video = e
                .run_sheet
                .steps
                .iter()
                .find(|s| s.kind == hearth_domain::live::StepKind::Modelling)
                .and_then(|s| s.video_url.clone());
            let when = format_time(e.starts_at, &zone);
            (e, when, video)
        });
    // The channel page asks the policy again; this only spares a link
    // that would be refused.
    let channel = group
        .filter(|g| in_peer_group_channel(&me.actor, g.members.contains(&user), scope).is_some())
        .map(|g| format!("/peer-groups/{}/channel", g.id));
    let title = group
        .map(|g| g.name.clone())
        .unwrap_or_else(|| tr.t("group-home-title"));
    let status = form_status(error.is_some());
    let view = GroupHomeView {
        layout: Layout::new(state, &me.ctx, "/cohorts", title)
            .await
            .with_flash(done),
        group_name: group.map(|g| g.name.clone()),
        members,
        is_member: mine.is_some(),
        own_text,
        next_event,
        other_groups: if host {
            groups.iter().map(|g| (g.id, g.name.clone())).collect()
        } else {
            Vec::new()
        },
        channel,
        error,
        cohort,
    };
    Ok((status, no_store(view)).into_response())
}

async fn group_home_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Query(query): Query<GroupQuery>,
) -> AppResult<Response> {
    group_home(&state, &me, id, query.group, None, query.done.as_deref()).await
}

#[derive(Deserialize)]
struct IntroductionForm {
    text: String,
}

async fn introduction_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<CohortId>,
    Form(form): Form<IntroductionForm>,
) -> AppResult<Response> {
    let cohort = state.store.org().cohort(id).await?;
    let scope = cohort.scope();
    if !me.may(Action::JoinEvent, scope) {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let text = form.text.trim();
    if text.is_empty() || text.chars().count() > MAX_INTRODUCTION_CHARS {
        return group_home(&state, &me, id, None, Some(tr.t("group-home-error")), None).await;
    }
    state
        .store
        .peer_groups()
        .introduce(id, me.user.person.id, text)
        .await?;
    Ok(see_other(&format!(
        "/cohorts/{id}/my-group?done=flash-introduction-saved"
    )))
}
