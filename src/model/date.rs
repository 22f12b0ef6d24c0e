//! `Date`: a TOML date as written (it may still be impossible or carry a time;
//! the date checks say so, with the span, instead of failing the whole load).

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Date(pub toml::value::Datetime);

impl std::ops::Deref for Date {
    type Target = toml::value::Datetime;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date", "description": "Ngày, ví dụ 2023-04-03" })
    }
}
