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
