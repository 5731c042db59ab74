//! Crate-internal macros.

/// Reads an enum from its wire text with `parse`: in the SPA, one string read and one match per
/// enum instead of serde's derived identifier visitor (three matches: index, text, bytes), for
/// values that only ever come from our own server.
#[cfg(any(target_arch = "wasm32", test))]
pub(crate) fn from_text<'de, D, T>(d: D, parse: fn(&str) -> Option<T>) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let text = <String as serde::Deserialize>::deserialize(d)?;
    parse(&text).ok_or_else(|| <D::Error as serde::de::Error>::custom("unknown value"))
}

/// Generates a text enum: serde `snake_case`, `as_str`, `parse`, `ALL`, and zh/en labels.
macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $( $(#[$vdoc:meta])* $variant:ident = $text:literal, $zh:literal, $en:literal; )+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[cfg_attr(not(target_arch = "wasm32"), derive(serde::Deserialize))]
        #[cfg_attr(feature = "db", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "db", diesel(sql_type = diesel::sql_types::Text))]
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

        db_text!($name, as_str, parse);

        // In the browser the text is read with `parse` (docs/PERFORMANCE.md, "Enums read by
        // their text in the SPA"); the server keeps serde's derived reader and its messages.
        #[cfg(target_arch = "wasm32")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::macros::from_text(d, $name::parse)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// Gives an enum stored as `TEXT` (+ `CHECK`) its diesel conversion, once, for every backend —
/// including the `MultiConnection` backend, which only needs `str`/`String` to convert.
///
/// Only with feature `db` (the backend's); the SPA build never sees diesel. The type must also
/// carry `#[cfg_attr(feature = "db", derive(diesel::AsExpression, diesel::FromSqlRow))]` and
/// `#[cfg_attr(feature = "db", diesel(sql_type = diesel::sql_types::Text))]` (`text_enum!` adds
/// both). A stored text the enum does not know is a deserialization error naming the type and
/// the text, never a panic.
macro_rules! db_text {
    ($name:ident, $to_text:ident, $from_text:ident) => {
        #[cfg(feature = "db")]
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(
                    self.$to_text(),
                    out,
                )
            }
        }

        #[cfg(feature = "db")]
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let text =
                    <String as diesel::deserialize::FromSql<diesel::sql_types::Text, DB>>::from_sql(
                        bytes,
                    )?;
                $name::$from_text(&text).ok_or_else(|| {
                    format!(
                        "unknown {} value in the database: {:?}",
                        stringify!($name),
                        text
                    )
                    .into()
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::application::Series;
    use crate::ErrorCode;

    #[test]
    fn the_browsers_enum_reader_takes_the_wire_text_and_refuses_anything_else() {
        for series in Series::ALL {
            let text = serde_json::Value::String(series.as_str().to_owned());
            assert_eq!(super::from_text(text, Series::parse).ok(), Some(*series));
        }
        let code = |text: serde_json::Value| {
            super::from_text(text, |t| {
                ErrorCode::ALL.iter().copied().find(|c| c.as_str() == t)
            })
            .ok()
        };
        assert_eq!(code("rate_limited".into()), Some(ErrorCode::RateLimited));
        assert_eq!(code("Rate_Limited".into()), None);
        assert_eq!(code(7.into()), None);
    }
}
