//! Crate-internal macros.

/// Generates a text enum: serde `snake_case`, `as_str`, `parse`, `ALL`, and zh/en labels.
macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $( $(#[$vdoc:meta])* $variant:ident = $text:literal, $zh:literal, $en:literal; )+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vdoc])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored / wire text.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text, )+ }
            }

            /// Parses the stored / wire text.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $( $text => Some($name::$variant), )+ _ => None }
            }

            /// The label shown to people.
            pub fn label(self, locale: $crate::Locale) -> &'static str {
                match (self, locale) {
                    $( ($name::$variant, $crate::Locale::ZhCn) => $zh, ($name::$variant, $crate::Locale::En) => $en, )+
                }
            }
        }

        // Written by hand: the derive cannot read `rename` values that come from a macro.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::openapi_support::text_enum_schema(
                    stringify!($name),
                    &$name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
                )
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
