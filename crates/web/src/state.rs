use crate::config::WebConfig;
use crate::mail::Mailer;
use hearth_store::{InstanceId, Store, StoreError};
use std::sync::Arc;

/// Everything a handler may need, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub mailer: Arc<Mailer>,
    /// Read once at start: the demo banner shows on every page.
    pub is_demo: bool,
    /// The live rooms this server holds open.
    pub hubs: Arc<crate::live::Hubs>,
    /// This process, among the instances sharing one database's live rooms.
    pub instance: InstanceId,
    /// The conversations (channels, drop-in chats) open on this server.
    pub conversation_hubs: Arc<crate::conversations::ConversationHubs>,
}

impl AppState {
    pub async fn new(store: Store, config: WebConfig) -> Result<AppState, StoreError> {
        let is_demo = store
            .org()
            .organisation()
            .await?
            .is_some_and(|org| org.is_demo);
        let mailer = Mailer::new(&config);
        Ok(AppState {
            store,
            config: Arc::new(config),
            mailer: Arc::new(mailer),
            is_demo,
            hubs: Arc::new(crate::live::Hubs::default()),
            instance: InstanceId::new(),
            conversation_hubs: Arc::new(crate::conversations::ConversationHubs::default()),
        })
    }
}
