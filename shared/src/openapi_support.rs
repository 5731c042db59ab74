//! Schema helpers for the hand-written `ToSchema` impls (backend only).

use utoipa::openapi::{
    schema::{Schema, SchemaType, Type},
    ObjectBuilder, RefOr,
};

/// A string schema listing `values`.
pub fn text_enum_schema(description: &str, values: &[&str]) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::String))
        .description(Some(description))
        .enum_values(Some(values.iter().copied()))
        .into()
}

/// The schema of one specialty (专业) in a request's list: a required text of at most
/// [`crate::rules::MAX_SPECIALTY_CHARS`] characters (`format: text`, whose pattern the document
/// builder adds). A list field names it with
/// `schema(value_type = Vec<crate::openapi_support::SpecialtyName>, max_items = 100)`.
pub struct SpecialtyName;

impl utoipa::PartialSchema for SpecialtyName {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::String))
            .format(Some(utoipa::openapi::SchemaFormat::Custom(
                "text".to_owned(),
            )))
            .max_length(Some(crate::rules::MAX_SPECIALTY_CHARS))
            .description(Some("One specialty, 1–50 characters"))
            .into()
    }
}

impl utoipa::ToSchema for SpecialtyName {}
