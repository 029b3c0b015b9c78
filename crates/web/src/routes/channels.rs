//! A peer support group's channel between meetings, a cohort peer group's
//! channel between events, and the facilitators' channel across groups: the
//! page (the latest messages, older pages, the ground rules pinned on top,
//! one's notification setting), a form to post when the page runs without
//! JavaScript, and the WebSocket that makes it
//! real time (`crate::conversations`).

use super::{no_store, see_other};
use crate::context::SignedIn;
use crate::conversations::access::Who;
use crate::conversations::hub::MessageView;
use crate::conversations::ops::{self, Command, Outcome, PAGE};
use crate::conversations::{notify, socket};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::{Layout, format_time};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Form, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use hearth_domain::conversations::{ConversationAct, NotifySetting, Standing};
use hearth_domain::policy::{Action, in_peer_group_channel};
use hearth_domain::roles::Scope;
use hearth_domain::support_groups::SupportGroupId;
use hearth_store::{AuthorKind, Message, TextConversation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/support-groups/facilitators/channel",
            get(facilitators_get).post(facilitators_post),
        )
        .route(
            "/support-groups/facilitators/channel/socket",
            get(facilitators_socket),
        )
        .route(
            "/support-groups/facilitators/channel/settings",
            post(facilitators_settings_post),
        )
        .route(
            "/support-groups/{id}/channel",
            get(group_get).post(group_post),
        )
        .route("/support-groups/{id}/channel/socket", get(group_socket))
        .route(
            "/support-groups/{id}/channel/settings",
            post(group_settings_post),
        )
        .route(
            "/peer-groups/{id}/channel",
            get(peer_group_get).post(peer_group_post),
        )
        .route("/peer-groups/{id}/channel/socket", get(peer_group_socket))
        .route(
            "/peer-groups/{id}/channel/settings",
            post(peer_group_settings_post),
        )
}

/// Which channel a request is about.
#[derive(Clone, Copy)]
enum Which {
    Group(SupportGroupId),
    Facilitators,
    /// A cohort's peer group (its id in the saved groups).
    PeerGroup(Uuid),
}

impl Which {
    fn base(self) -> String {
        match self {
            Which::Group(id) => format!("/support-groups/{id}/channel"),
            Which::Facilitators => "/support-groups/facilitators/channel".into(),
            Which::PeerGroup(id) => format!("/peer-groups/{id}/channel"),
        }
    }
}

/// The channel, the person as it knows them, and their standing, once
/// the policy has said they may read it.
struct Opened {
    conversation: TextConversation,
    who: Who,
    standing: Option<Standing>,
    title: String,
    rules: Vec<String>,
    /// Who reads the channel besides its members, when that is not plain.
    note: Option<String>,
    back: Option<String>,
}

/// A peer group's channel, refusing anyone with no place in it before
/// anything is made. An earlier save's group keeps a channel only if its
/// people went separate ways (see `PeerGroups::save`); otherwise there is
/// nothing here and the channel is found from the cohort's groups now.
async fn peer_group_channel(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
) -> AppResult<(TextConversation, hearth_store::PeerGroupRef)> {
    let group = state.store.peer_groups().group(id).await?;
    let cohort = state.store.org().cohort(group.cohort_id).await?;
    let member = state
        .store
        .peer_groups()
        .is_member(id, me.actor.user)
        .await?;
    let standing = in_peer_group_channel(&me.actor, member, cohort.scope());
    me.require(
        Action::Converse {
            act: ConversationAct::Read,
            standing,
        },
        Scope::Organisation,
    )?;
    let conversation = if group.current {
        state.store.conversations().peer_group_channel(id).await?
    } else {
        state
            .store
            .conversations()
            .peer_group_channel_if_any(id)
            .await?
            .ok_or(AppError::NotFound)?
    };
    Ok((conversation, group))
}

async fn open(state: &AppState, me: &SignedIn, which: Which) -> AppResult<Opened> {
    if !matches!(which, Which::PeerGroup(_)) {
        me.require(Action::ViewSupportGroups, Scope::Organisation)?;
    }
    let tr = Tr::new(me.ctx.language);
    let mut note = None;
    let mut back = None;
    let (conversation, title, rules) = match which {
        Which::PeerGroup(id) => {
            let (conversation, group) = peer_group_channel(state, me, id).await?;
            note = Some(tr.t("peer-group-channel-who-reads"));
            back = Some(format!(
                "/cohorts/{}/my-group?group={}",
                group.cohort_id, group.id
            ));
            (conversation, group.name, Vec::new())
        }
        Which::Group(id) => {
            back = Some(format!("/support-groups/{id}"));
            let group = state.store.support_groups().get(id).await?;
            let rules = state.store.support_groups().ground_rules(id).await?;
            (
                state.store.conversations().group_channel(id).await?,
                group.name,
                super::support_groups::rules_lines(&tr, &rules),
            )
        }
        Which::Facilitators => (
            state.store.conversations().facilitators_channel().await?,
            tr.t("conversation-facilitators-title"),
            Vec::new(),
        ),
    };
    let who = Who::Person {
        actor: me.actor.clone(),
        name: me.user.person.display_name.clone(),
    };
    let standing = crate::conversations::access::standing(state, &conversation, &who).await?;
    me.require(
        Action::Converse {
            act: ConversationAct::Read,
            standing,
        },
        Scope::Organisation,
    )?;
    Ok(Opened {
        conversation,
        who,
        standing,
        title,
        rules,
        note,
        back,
    })
}

/// A message as the page draws it before (or without) JavaScript.
pub struct MessageRow {
    pub id: Uuid,
    pub author: String,
    pub system: bool,
    pub at: String,
    pub body: String,
    pub reply: Option<(String, String)>,
    pub edited: bool,
    pub deleted: bool,
    pub hidden: bool,
}

pub fn rows(messages: &[Message], moderator: bool, zone: &str) -> Vec<MessageRow> {
    messages
        .iter()
        .map(|m| {
            let withheld = m.hidden_at.is_some() && !moderator;
            MessageRow {
                id: m.id,
                author: m.author_name.clone(),
                system: m.author_kind == AuthorKind::System,
                at: format_time(m.posted_at, zone),
                body: if withheld {
                    String::new()
                } else {
                    m.body.clone()
                },
                reply: m
                    .reply_to
                    .as_ref()
                    .map(|r| (r.author_name.clone(), r.body.clone())),
                edited: m.edited_at.is_some(),
                deleted: m.deleted_at.is_some(),
                hidden: m.hidden_at.is_some(),
            }
        })
        .collect()
}

/// What the page's script starts from: the same messages, its socket, and
/// the words it shows.
#[derive(Serialize)]
pub struct ScriptConfig<'a> {
    pub socket: String,
    pub seq: i64,
    pub me: Option<String>,
    pub moderator: bool,
    /// Channels reply, mention, report and mute; a drop-in chat does not.
    pub channel: bool,
    pub messages: Vec<MessageView<'a>>,
    pub more: bool,
    pub oldest: Option<i64>,
    pub text: std::collections::HashMap<&'static str, String>,
}

/// The words the script needs, in the reader's language.
pub fn script_text(tr: &Tr) -> std::collections::HashMap<&'static str, String> {
    [
        "conversation-connected",
        "conversation-reconnecting",
        "conversation-reply",
        "conversation-replying-to",
        "conversation-cancel",
        "conversation-edit",
        "conversation-save",
        "conversation-delete",
        "conversation-delete-confirm",
        "conversation-report",
        "conversation-report-reason",
        "conversation-hide",
        "conversation-unhide",
        "conversation-mute",
        "conversation-mute-minutes",
        "conversation-edited",
        "conversation-deleted",
        "conversation-hidden",
        "conversation-hidden-for-members",
        "conversation-older",
        "conversation-you",
        "conversation-system-joined",
        "conversation-system-closed",
        "conversation-actions",
        "conversation-mentions-you",
    ]
    .into_iter()
    // `{name}` is filled in by the script.
    .map(|key| (key, tr.t1(key, "name", "{name}")))
    .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "conversations/channel.html")]
struct ChannelView {
    layout: Layout,
    title: String,
    base: String,
    rules: Vec<String>,
    messages: Vec<MessageRow>,
    older: Option<i64>,
    may_post: bool,
    muted_until: Option<String>,
    setting: &'static str,
    settings: Vec<(&'static str, String)>,
    config: String,
    group_link: Option<String>,
    note: Option<String>,
    refused: Option<String>,
}

#[derive(Deserialize)]
pub struct PageQuery {
    pub before: Option<i64>,
    pub done: Option<String>,
    /// Why a form without JavaScript was refused (a `conversation-` key).
    pub refused: Option<String>,
}

/// The refusal a page shows again, only for known keys.
pub fn refusal(tr: &Tr, key: Option<&str>) -> Option<String> {
    key.filter(|k| k.starts_with("conversation-refused") || k.starts_with("conversation-error"))
        .filter(|k| tr.has(k))
        .map(|k| tr.t(k))
}

async fn page(
    state: &AppState,
    me: &SignedIn,
    which: Which,
    query: PageQuery,
) -> AppResult<Response> {
    let opened = open(state, me, which).await?;
    let tr = Tr::new(me.ctx.language);
    let zone = me.time_zone(state).await?;
    let conversation = &opened.conversation;
    let moderator = opened.standing == Some(Standing::Moderator);
    // The number the page reflects is read before the messages, so a change
    // made in between reaches the script again rather than not at all.
    let seq = state
        .store
        .conversations()
        .last_seq(conversation.id)
        .await?;
    let (messages, more) = state
        .store
        .conversations()
        .history(conversation.id, query.before, PAGE)
        .await?;
    let user = me.actor.user;
    let muted_until = state
        .store
        .conversations()
        .muted_until(conversation.id, user, hearth_store::now_ms())
        .await?
        .map(|until| format_time(until, &zone));
    let setting = state
        .store
        .conversations()
        .setting(conversation.id, user)
        .await?
        .notify;
    let oldest = messages.first().map(|m| m.posted_seq);
    let base = which.base();
    let config = ScriptConfig {
        socket: format!("{base}/socket"),
        seq,
        me: Some(user.0.to_string()),
        moderator,
        channel: true,
        messages: messages
            .iter()
            .map(|m| MessageView::of(m, moderator))
            .collect(),
        more,
        oldest,
        text: script_text(&tr),
    };
    let view = ChannelView {
        layout: Layout::new(state, &me.ctx, &base, opened.title.clone())
            .await
            .with_flash(query.done.as_deref()),
        title: opened.title,
        rules: opened.rules,
        messages: rows(&messages, moderator, &zone),
        older: more.then_some(oldest).flatten(),
        may_post: me.may(
            Action::Converse {
                act: ConversationAct::Post,
                standing: opened.standing,
            },
            Scope::Organisation,
        ),
        muted_until,
        setting: setting.as_str(),
        settings: NotifySetting::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str(),
                    tr.t(&format!("conversation-notify-{}", s.as_str())),
                )
            })
            .collect(),
        config: serde_json::to_string(&config).map_err(|e| AppError::Internal(e.to_string()))?,
        group_link: opened.back,
        note: opened.note,
        refused: refusal(&tr, query.refused.as_deref()),
        base,
    };
    Ok(no_store(view))
}

async fn group_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    page(&state, &me, Which::Group(id), query).await
}

async fn facilitators_get(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    page(&state, &me, Which::Facilitators, query).await
}

#[derive(Deserialize)]
struct PostForm {
    #[serde(default)]
    text: String,
}

/// Posting without JavaScript: the same command as the socket's.
async fn post_message(
    state: &AppState,
    me: &SignedIn,
    which: Which,
    form: PostForm,
) -> AppResult<Response> {
    let opened = open(state, me, which).await?;
    let tr = Tr::new(me.ctx.language);
    let hub = state
        .conversation_hubs
        .get(&state.store, opened.conversation.id, state.instance)
        .await?;
    let command = Command::Post {
        text: form.text,
        reply_to: None,
    };
    let base = which.base();
    match ops::run(state, &hub, &opened.conversation, &opened.who, &tr, command).await {
        Ok(Outcome::Done | Outcome::Notice(_) | Outcome::History(..)) => {
            Ok(see_other(&format!("{base}#latest")))
        }
        Err(key) => Ok(see_other(&format!("{base}?refused={key}#compose"))),
    }
}

async fn group_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Form(form): Form<PostForm>,
) -> AppResult<Response> {
    post_message(&state, &me, Which::Group(id), form).await
}

async fn facilitators_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<PostForm>,
) -> AppResult<Response> {
    post_message(&state, &me, Which::Facilitators, form).await
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    notify: String,
}

async fn settings(
    state: &AppState,
    me: &SignedIn,
    which: Which,
    form: SettingsForm,
) -> AppResult<Response> {
    let opened = open(state, me, which).await?;
    me.require(
        Action::Converse {
            act: ConversationAct::Settings,
            standing: opened.standing,
        },
        Scope::Organisation,
    )?;
    let Ok(setting) = NotifySetting::parse(&form.notify) else {
        return Ok(see_other(&format!(
            "{}?refused=conversation-refused-setting#settings",
            which.base()
        )));
    };
    notify::choose(state, &opened.conversation, me.actor.user, setting).await?;
    Ok(see_other(&format!("{}?done=flash-saved", which.base())))
}

async fn group_settings_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Form(form): Form<SettingsForm>,
) -> AppResult<Response> {
    settings(&state, &me, Which::Group(id), form).await
}

async fn facilitators_settings_post(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<SettingsForm>,
) -> AppResult<Response> {
    settings(&state, &me, Which::Facilitators, form).await
}

#[derive(Deserialize)]
pub struct SocketQuery {
    /// The last number this page saw; it gets every change after it.
    pub after: Option<i64>,
}

async fn open_socket(
    state: AppState,
    me: SignedIn,
    which: Which,
    after: i64,
    headers: &HeaderMap,
    upgrade: WebSocketUpgrade,
) -> AppResult<Response> {
    // A page on another site must not open a socket with this person's cookie.
    if !crate::context::same_origin(headers) {
        return Err(AppError::Forbidden);
    }
    let opened = open(&state, &me, which).await?;
    let moderator = opened.standing == Some(Standing::Moderator);
    Ok(socket::upgrade(
        upgrade,
        state,
        opened.conversation,
        opened.who,
        Tr::new(me.ctx.language),
        moderator,
        after,
    ))
}

async fn group_socket(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<SupportGroupId>,
    Query(query): Query<SocketQuery>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> AppResult<Response> {
    let after = query.after.unwrap_or(0);
    open_socket(state, me, Which::Group(id), after, &headers, upgrade).await
}

async fn facilitators_socket(
    State(state): State<AppState>,
    me: SignedIn,
    Query(query): Query<SocketQuery>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> AppResult<Response> {
    let after = query.after.unwrap_or(0);
    open_socket(state, me, Which::Facilitators, after, &headers, upgrade).await
}

// A cohort peer group's channel: the same page, form and socket.

async fn peer_group_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    // A link from before the groups were saved again: the channel moved on
    // with its people, and the group home links to where it is now.
    let group = state.store.peer_groups().group(id).await?;
    if !group.current
        && state
            .store
            .conversations()
            .peer_group_channel_if_any(id)
            .await?
            .is_none()
    {
        return Ok(see_other(&format!("/cohorts/{}/my-group", group.cohort_id)));
    }
    page(&state, &me, Which::PeerGroup(id), query).await
}

async fn peer_group_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<PostForm>,
) -> AppResult<Response> {
    post_message(&state, &me, Which::PeerGroup(id), form).await
}

async fn peer_group_settings_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Form(form): Form<SettingsForm>,
) -> AppResult<Response> {
    settings(&state, &me, Which::PeerGroup(id), form).await
}

async fn peer_group_socket(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<Uuid>,
    Query(query): Query<SocketQuery>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> AppResult<Response> {
    let after = query.after.unwrap_or(0);
    open_socket(state, me, Which::PeerGroup(id), after, &headers, upgrade).await
}
