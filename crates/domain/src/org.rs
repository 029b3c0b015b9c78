//! The shape of an organisation: kinds of site and of service.

use serde::Serialize;
use std::str::FromStr;

use crate::roles::UnknownName;

macro_rules! keyed_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $key:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key),* }
            }
        }

        impl FromStr for $name {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s { $($key => Ok($name::$variant),)* other => Err(UnknownName(other.to_owned())) }
            }
        }
    };
}

keyed_enum!(
    /// Where peer support happens.
    SiteKind {
        School => "school",
        Campus => "campus",
        Municipality => "municipality",
        CommunityCentre => "community-centre",
    }
);

keyed_enum!(
    /// `seeds/000`: peer support for prevention, psychological support for intervention.
    ServiceKind {
        Prevention => "prevention",
        Intervention => "intervention",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for kind in SiteKind::ALL {
            assert_eq!(kind.as_str().parse::<SiteKind>(), Ok(*kind));
        }
        assert!("castle".parse::<SiteKind>().is_err());
        assert_eq!(
            "intervention".parse::<ServiceKind>(),
            Ok(ServiceKind::Intervention)
        );
    }
}
