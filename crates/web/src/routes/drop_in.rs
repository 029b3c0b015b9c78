//! The online drop-in chat (issue 7, point 2). `/support` is public: while
//! a peer is on shift at a student centre anyone starts a chat with a
//! nickname; it waits in the centre's walk-in queue beside the people who
//! came in person; the peer who takes it chats in real time. The visitor is
//! known only by a random token in an HttpOnly cookie (its hash is stored),
//! so they can leave and come back on the same device. Outside hours the
//! page says when the next shift is and shows the crisis numbers and
//! services. The words reach the visitor and the peer who took the chat;
//! the site's supervisors and safeguarding lead may read them as they read
//! session logs, and every such read is audited.

use super::channels::{
    MessageRow, PageQuery, ScriptConfig, SocketQuery, refusal, rows, script_text,
};
use super::support::{clock, day_label, org_zone};
use super::{form_status, no_store, see_other};
use crate::context::{Ctx, RequestContext, SignedIn, cookie, set_cookie};
use crate::conversations::access::{Who, standing};
use crate::conversations::hub::MessageView;
use crate::conversations::ops::{self, Command, Outcome, PAGE};
use crate::conversations::socket;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::Layout;
use crate::views::forms::FieldErrors;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_domain::conversations::{ConversationAct, Standing};
use hearth_domain::policy::{Action, Actor, policy};
use hearth_domain::roles::Scope;
use hearth_domain::support::Nickname;
use hearth_store::{Location, Service, TextConversation, now_ms};
use serde::Deserialize;
use uuid::Uuid;

/// The visitor's token: an HttpOnly cookie, so page scripts never see it.
const CHAT_COOKIE: &str = "hearth_chat";
/// A visitor may come back to their chat for a week.
const CHAT_COOKIE_SECONDS: i64 = 7 * 24 * 60 * 60;
/// The audit log's name for reading someone else's drop-in chat.
const CHAT_SUBJECT: &str = "drop-in-chat";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/support", get(support_get))
        .route("/support/chat/start", post(start_post))
        .route("/support/chat", get(chat_get).post(chat_post))
        .route("/support/chat/end", post(end_post))
        .route("/support/chat/socket", get(chat_socket))
        .route("/one-to-one/chats/{queue}", get(staff_get).post(staff_post))
        .route("/one-to-one/chats/{queue}/take", post(take_post))
        .route("/one-to-one/chats/{queue}/close", post(close_post))
        .route("/one-to-one/chats/{queue}/socket", get(staff_socket))
}

// --- the public page ---

pub struct CentreRow {
    pub location: Location,
    pub open_now: bool,
    pub next_shift: Option<String>,
    pub hours: Vec<(String, String)>,
    /// Chosen in the form (the one asked for, else the first open).
    pub checked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "conversations/support.html")]
struct SupportView {
    layout: Layout,
    centres: Vec<CentreRow>,
    any_open: bool,
    continuing: bool,
    crisis_text: String,
    crisis_lines: Vec<(Service, Option<String>)>,
    services: Vec<Service>,
    typed_name: String,
    errors: FieldErrors,
}

async fn centres(state: &AppState, tr: &Tr) -> AppResult<Vec<CentreRow>> {
    let zone = org_zone(state).await?;
    let now = now_ms();
    let support = state.store.support();
    let upcoming = support.shifts(now, now + 14 * 86_400_000).await?;
    let mut rows = Vec::new();
    for location in support.locations().await? {
        let open_now = support.shift_now(location.id, now).await?;
        let next_shift = upcoming
            .iter()
            .find(|s| s.location_id == location.id && !s.peers.is_empty())
            .map(|s| {
                format!(
                    "{} {}",
                    day_label(tr, s.starts_at, &zone),
                    clock(s.starts_at, &zone)
                )
            });
        let hours = super::support_logs::hours_rows(state, tr, location.id).await?;
        rows.push(CentreRow {
            location,
            open_now,
            next_shift,
            hours,
            checked: false,
        });
    }
    Ok(rows)
}

/// The visitor's open chat, if their browser holds a token for one.
async fn visitor_chat(
    state: &AppState,
    headers: &HeaderMap,
) -> AppResult<Option<TextConversation>> {
    let Some(token) = cookie(headers, CHAT_COOKIE).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    match state.store.conversations().by_visitor_token(token).await {
        Ok(chat) if chat.closed_at.is_none() => Ok(Some(chat)),
        Ok(_) | Err(hearth_store::StoreError::NotFound) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

async fn support_page(
    state: &AppState,
    ctx: &RequestContext,
    headers: &HeaderMap,
    typed_name: String,
    chosen: Option<Uuid>,
    errors: FieldErrors,
    flash: Option<&str>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.language);
    let mut centres = centres(state, &tr).await?;
    let pick = centres
        .iter()
        .position(|c| c.open_now && Some(c.location.id) == chosen)
        .or_else(|| centres.iter().position(|c| c.open_now));
    if let Some(pick) = pick {
        centres[pick].checked = true;
    }
    let organisation = state.store.org().organisation().await?;
    let services = state.store.services().list(false).await?;
    let (crisis, services): (Vec<_>, Vec<_>) = services.into_iter().partition(|s| s.is_crisis_line);
    let view = SupportView {
        layout: Layout::new(state, ctx, "/support", tr.t("drop-in-title"))
            .await
            .with_flash(flash),
        any_open: centres.iter().any(|c| c.open_now),
        centres,
        continuing: visitor_chat(state, headers).await?.is_some(),
        crisis_text: organisation.map(|o| o.crisis_text).unwrap_or_default(),
        crisis_lines: crisis
            .into_iter()
            .map(|s| {
                let tel = super::help::phone_link(s.contact.as_deref());
                (s, tel)
            })
            .collect(),
        services,
        typed_name,
        errors,
    };
    Ok(no_store(view))
}

async fn support_get(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    headers: HeaderMap,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    support_page(
        &state,
        &ctx,
        &headers,
        String::new(),
        None,
        FieldErrors::new(),
        query.done.as_deref(),
    )
    .await
}

/// Only the nickname and the centre: any other field sent is ignored.
#[derive(Deserialize, Default)]
struct StartForm {
    #[serde(default)]
    nickname: String,
    #[serde(default)]
    location: String,
}

async fn start_post(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    headers: HeaderMap,
    Form(form): Form<StartForm>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.language);
    if !policy(
        &Actor::anonymous(),
        Action::Converse {
            act: ConversationAct::Start,
            standing: Some(Standing::Public),
        },
        Scope::Organisation,
    ) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::new();
    let name = errors.check(&tr, "nickname", Nickname::parse(&form.nickname));
    let location = match form.location.parse::<Uuid>() {
        Ok(id) => state.store.support().location(id).await.ok(),
        Err(_) => None,
    };
    let open = match &location {
        Some(location) => {
            state
                .store
                .support()
                .shift_now(location.id, now_ms())
                .await?
        }
        None => false,
    };
    if location.is_none() {
        errors.add_message(&tr, "location", "drop-in-error-centre");
    } else if !open {
        errors.add_message(&tr, "location", "drop-in-error-closed");
    }
    let (Some(name), Some(location), true) = (name, location, open) else {
        let chosen = form.location.parse().ok();
        let page =
            support_page(&state, &ctx, &headers, form.nickname, chosen, errors, None).await?;
        return Ok((form_status(true), page).into_response());
    };
    let (_, token) = state
        .store
        .conversations()
        .start_drop_in(location.id, name.as_str())
        .await?;
    let mut response = see_other("/support/chat");
    if let Ok(value) = HeaderValue::from_str(&set_cookie(
        &state,
        CHAT_COOKIE,
        &token,
        Some(CHAT_COOKIE_SECONDS),
    )) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

// --- the visitor's chat ---

#[derive(Template, WebTemplate)]
#[template(path = "conversations/chat.html")]
struct ChatView {
    layout: Layout,
    heading: String,
    status: String,
    messages: Vec<MessageRow>,
    older: Option<i64>,
    /// Where the compose form posts; `None` when this person may not write.
    post_to: Option<String>,
    end_to: Option<String>,
    base: String,
    config: String,
    refused: Option<String>,
    /// For the peer: the log form for this chat.
    log_link: Option<String>,
    take_to: Option<String>,
    visitor: bool,
}

/// Where the chat stands, in words for the reader.
async fn status_line(state: &AppState, tr: &Tr, chat: &TextConversation) -> AppResult<String> {
    if chat.closed_at.is_some() {
        return Ok(tr.t("drop-in-status-ended"));
    }
    let Some(queue) = chat.queue_id else {
        return Ok(String::new());
    };
    let entry = state.store.support().queue_entry(queue).await?;
    if let Some(peer) = entry.taken_by {
        let name = state.store.people().get(peer).await?.display_name;
        return Ok(tr.t1("drop-in-status-with", "name", name));
    }
    let waiting = state.store.support().waiting(entry.location_id).await?;
    let position = waiting
        .iter()
        .position(|e| e.id == queue)
        .map_or(0, |p| p + 1);
    Ok(tr.n("drop-in-status-waiting", "position", position))
}

struct ChatPage {
    chat: TextConversation,
    heading: String,
    base: String,
    post_to: Option<String>,
    end_to: Option<String>,
    log_link: Option<String>,
    take_to: Option<String>,
    visitor: bool,
    /// Whether the words are shown (not to a peer who has not taken it).
    shows_words: bool,
    me: Option<String>,
}

async fn chat_page(
    state: &AppState,
    ctx: &RequestContext,
    page: ChatPage,
    query: &PageQuery,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.language);
    let zone = org_zone(state).await?;
    let chat = &page.chat;
    let seq = state.store.conversations().last_seq(chat.id).await?;
    let (messages, more) = if page.shows_words {
        state
            .store
            .conversations()
            .history(chat.id, query.before, PAGE)
            .await?
    } else {
        (Vec::new(), false)
    };
    let oldest = messages.first().map(|m| m.posted_seq);
    let config = ScriptConfig {
        socket: format!("{}/socket", page.base),
        seq,
        me: page.me.clone(),
        moderator: false,
        channel: false,
        messages: messages.iter().map(|m| MessageView::of(m, false)).collect(),
        more,
        oldest,
        text: script_text(&tr),
    };
    let view = ChatView {
        layout: Layout::new(state, ctx, &page.base, page.heading.clone())
            .await
            .with_flash(query.done.as_deref()),
        heading: page.heading,
        status: status_line(state, &tr, chat).await?,
        messages: rows(&messages, false, &zone),
        older: more.then_some(oldest).flatten(),
        post_to: page.post_to.filter(|_| chat.closed_at.is_none()),
        end_to: page.end_to.filter(|_| chat.closed_at.is_none()),
        config: if page.shows_words {
            serde_json::to_string(&config).map_err(|e| AppError::Internal(e.to_string()))?
        } else {
            String::new()
        },
        refused: refusal(&tr, query.refused.as_deref()),
        log_link: page.log_link,
        take_to: page.take_to,
        visitor: page.visitor,
        base: page.base,
    };
    Ok(no_store(view))
}

async fn chat_get(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    headers: HeaderMap,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    let Some(chat) = visitor_chat(&state, &headers).await? else {
        return Ok(see_other("/support"));
    };
    let tr = Tr::new(ctx.language);
    let page = ChatPage {
        chat,
        heading: tr.t("drop-in-chat-title"),
        base: "/support/chat".into(),
        post_to: Some("/support/chat".into()),
        end_to: Some("/support/chat/end".into()),
        log_link: None,
        take_to: None,
        visitor: true,
        shows_words: true,
        me: None,
    };
    chat_page(&state, &ctx, page, &query).await
}

/// The visitor as the conversation knows them: the nickname they gave.
async fn visitor(state: &AppState, chat: &TextConversation) -> AppResult<Who> {
    let queue = chat.queue_id.ok_or(AppError::NotFound)?;
    let entry = state.store.support().queue_entry(queue).await?;
    Ok(Who::Visitor {
        nickname: entry.name,
    })
}

#[derive(Deserialize)]
struct PostForm {
    #[serde(default)]
    text: String,
}

/// Runs a command from a form and goes back to the page (with the refusal).
async fn command_back(
    state: &AppState,
    chat: &TextConversation,
    who: &Who,
    tr: &Tr,
    command: Command,
    back: &str,
) -> AppResult<Response> {
    let hub = state
        .conversation_hubs
        .get(&state.store, chat.id, state.instance)
        .await?;
    match ops::run(state, &hub, chat, who, tr, command).await {
        Ok(Outcome::Done | Outcome::Notice(_) | Outcome::History(..)) => Ok(see_other(back)),
        Err(key) => Ok(see_other(&format!("{back}?refused={key}"))),
    }
}

async fn chat_post(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    headers: HeaderMap,
    Form(form): Form<PostForm>,
) -> AppResult<Response> {
    let Some(chat) = visitor_chat(&state, &headers).await? else {
        return Ok(see_other("/support"));
    };
    let who = visitor(&state, &chat).await?;
    let command = Command::Post {
        text: form.text,
        reply_to: None,
    };
    command_back(
        &state,
        &chat,
        &who,
        &Tr::new(ctx.language),
        command,
        "/support/chat",
    )
    .await
}

async fn end_post(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    headers: HeaderMap,
) -> AppResult<Response> {
    if let Some(chat) = visitor_chat(&state, &headers).await? {
        let who = visitor(&state, &chat).await?;
        command_back(
            &state,
            &chat,
            &who,
            &Tr::new(ctx.language),
            Command::Close,
            "/support",
        )
        .await?;
    }
    // Nothing of the chat stays on the device.
    let mut response = see_other("/support?done=flash-chat-ended");
    if let Ok(value) = HeaderValue::from_str(&set_cookie(&state, CHAT_COOKIE, "", Some(0))) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

async fn chat_socket(
    State(state): State<AppState>,
    Ctx(ctx): Ctx,
    headers: HeaderMap,
    Query(query): Query<SocketQuery>,
    upgrade: WebSocketUpgrade,
) -> AppResult<Response> {
    if !crate::context::same_origin(&headers) {
        return Err(AppError::Forbidden);
    }
    let chat = visitor_chat(&state, &headers)
        .await?
        .ok_or(AppError::Forbidden)?;
    let who = visitor(&state, &chat).await?;
    if socket::may_open(&state, &chat, &who).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    Ok(socket::upgrade(
        upgrade,
        state,
        chat,
        who,
        Tr::new(ctx.language),
        false,
        query.after.unwrap_or(0),
    ))
}

// --- the peer's side ---

fn staff(me: &SignedIn) -> Who {
    Who::Person {
        actor: me.actor.clone(),
        name: me.user.person.display_name.clone(),
    }
}

async fn staff_get(
    State(state): State<AppState>,
    me: SignedIn,
    Path(queue): Path<Uuid>,
    Query(query): Query<PageQuery>,
) -> AppResult<Response> {
    let chat = state.store.conversations().by_queue(queue).await?;
    let entry = state.store.support().queue_entry(queue).await?;
    let location = state.store.support().location(entry.location_id).await?;
    let who = staff(&me);
    let standing = standing(&state, &chat, &who).await?;
    let base = format!("/one-to-one/chats/{queue}");
    let tr = Tr::new(me.ctx.language);
    let heading = tr.args(
        "drop-in-staff-title",
        &[
            ("name", entry.name.clone()),
            ("centre", location.name.clone()),
        ],
    );
    let page = match standing {
        Some(Standing::Responder) => ChatPage {
            chat,
            heading,
            post_to: Some(base.clone()),
            end_to: Some(format!("{base}/close")),
            log_link: Some(format!("/one-to-one/logs/new?queue={queue}")),
            take_to: None,
            base,
            visitor: false,
            shows_words: true,
            me: Some(me.actor.user.0.to_string()),
        },
        Some(Standing::OnShift) => ChatPage {
            chat,
            heading,
            post_to: None,
            end_to: None,
            log_link: None,
            take_to: Some(format!("{base}/take")),
            base,
            visitor: false,
            shows_words: false,
            me: None,
        },
        // Supervisors and the safeguarding lead read it as they read a
        // session log: only once it was taken, and every read is audited.
        _ if entry.taken_by.is_some()
            && me.may(Action::ReadSessionLog, Scope::Site(location.site_id)) =>
        {
            state
                .store
                .audit()
                .record(
                    Some(me.actor.user),
                    "read",
                    CHAT_SUBJECT,
                    Some(chat.id),
                    entry.taken_by,
                )
                .await?;
            ChatPage {
                chat,
                heading,
                post_to: None,
                end_to: None,
                log_link: None,
                take_to: None,
                base,
                visitor: false,
                shows_words: true,
                me: None,
            }
        }
        _ => return Err(AppError::Forbidden),
    };
    chat_page(&state, &me.ctx, page, &query).await
}

/// A form of the peer's page: the command, then back to the chat (or,
/// once it is done, to `next`). Someone with no place in the chat is refused.
async fn staff_command(
    state: &AppState,
    me: &SignedIn,
    queue: Uuid,
    command: Command,
    next: Option<String>,
) -> AppResult<Response> {
    let chat = state.store.conversations().by_queue(queue).await?;
    let who = staff(me);
    if standing(state, &chat, &who).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    let tr = Tr::new(me.ctx.language);
    let back = format!("/one-to-one/chats/{queue}");
    let hub = state
        .conversation_hubs
        .get(&state.store, chat.id, state.instance)
        .await?;
    match ops::run(state, &hub, &chat, &who, &tr, command).await {
        Ok(_) => Ok(see_other(next.as_deref().unwrap_or(&back))),
        Err(key) => Ok(see_other(&format!("{back}?refused={key}"))),
    }
}

async fn staff_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(queue): Path<Uuid>,
    Form(form): Form<PostForm>,
) -> AppResult<Response> {
    let command = Command::Post {
        text: form.text,
        reply_to: None,
    };
    staff_command(&state, &me, queue, command, None).await
}

async fn take_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(queue): Path<Uuid>,
) -> AppResult<Response> {
    staff_command(&state, &me, queue, Command::Take, None).await
}

async fn close_post(
    State(state): State<AppState>,
    me: SignedIn,
    Path(queue): Path<Uuid>,
) -> AppResult<Response> {
    // Next: the short log, as after any conversation on shift.
    let log = format!("/one-to-one/logs/new?queue={queue}");
    staff_command(&state, &me, queue, Command::Close, Some(log)).await
}

async fn staff_socket(
    State(state): State<AppState>,
    me: SignedIn,
    Path(queue): Path<Uuid>,
    Query(query): Query<SocketQuery>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> AppResult<Response> {
    if !crate::context::same_origin(&headers) {
        return Err(AppError::Forbidden);
    }
    let chat = state.store.conversations().by_queue(queue).await?;
    let who = staff(&me);
    if socket::may_open(&state, &chat, &who).await?.is_none() {
        return Err(AppError::Forbidden);
    }
    Ok(socket::upgrade(
        upgrade,
        state,
        chat,
        who,
        Tr::new(me.ctx.language),
        false,
        query.after.unwrap_or(0),
    ))
}

/// After "take next" on the centre's page took an online chat: say so in
/// the chat, and open it.
pub async fn taken_by_take_next(
    state: &AppState,
    me: &SignedIn,
    queue: Uuid,
) -> AppResult<Response> {
    let chat = state.store.conversations().by_queue(queue).await?;
    let hub = state
        .conversation_hubs
        .get(&state.store, chat.id, state.instance)
        .await?;
    ops::system(state, &hub, "joined", &me.user.person.display_name).await?;
    Ok(see_other(&format!("/one-to-one/chats/{queue}")))
}
