/// What can go wrong in the store, in words the layers above can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A uniqueness rule said no; the string names the constraint's subject
    /// (e.g. `email`), so a form can point at the field.
    #[error("already exists: {0}")]
    Conflict(&'static str),
    #[error(transparent)]
    Other(#[from] sqlx::Error),
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// Maps a unique violation to `Conflict(field)`, leaving other errors alone.
    pub(crate) fn unique(field: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
        move |error| match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(field),
            _ => StoreError::Other(error),
        }
    }
}

pub(crate) trait OptionalRow<T> {
    fn found(self) -> Result<T, StoreError>;
}

impl<T> OptionalRow<T> for Option<T> {
    fn found(self) -> Result<T, StoreError> {
        self.ok_or(StoreError::NotFound)
    }
}
