//! `Date`: a TOML date resolved to a calendar date while loading.
//!
//! A written date may still be impossible (2023-02-30 parses as TOML) or carry a
//! time; it is kept with what was written so the date check can say so, with the
//! span, instead of failing the whole load. No later stage sees TOML's datetime.

use std::borrow::Cow;

use chrono::NaiveDate;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Date {
    /// The calendar date, or why there is none.
    pub resolved: Result<NaiveDate, DateProblem>,
    /// As written in the file ("2023-04-03"), for messages.
    pub written: String,
}

/// Why a written date is not a calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// A date with a time: plans are dated by the day.
    HasTime,
    /// No such day (2023-02-30), or a time alone.
    Impossible,
    /// Written as text, as a source has it ("3456/12/2021"): kept as written and
    /// flagged; a draft prints it, a final document cannot be issued with it.
    AsWritten,
}

impl Date {
    /// The calendar date, if the written one exists.
    pub fn day(&self) -> Option<NaiveDate> {
        self.resolved.ok()
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = match toml::Value::deserialize(d)? {
            toml::Value::Datetime(dt) => dt,
            // A source's date that is no date, kept as the source wrote it.
            toml::Value::String(written) => {
                return Ok(Date { resolved: Err(DateProblem::AsWritten), written: written.trim().to_string() })
            }
            other => {
                return Err(serde::de::Error::invalid_type(
                    serde::de::Unexpected::Other(other.type_str()),
                    &"a date (2023-04-03), or the source's date as text",
                ))
            }
        };
        let resolved = match (dt.date, dt.time) {
            (Some(_), Some(_)) => Err(DateProblem::HasTime),
            (Some(x), None) if dt.offset.is_none() => {
                NaiveDate::from_ymd_opt(x.year.into(), x.month.into(), x.day.into()).ok_or(DateProblem::Impossible)
            }
            _ => Err(DateProblem::Impossible),
        };
        Ok(Date { resolved, written: dt.to_string() })
    }
}

/// As written (the calendar date when it resolved), so two plans compare by what they say.
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.resolved {
            Ok(day) => s.collect_str(&day.format("%Y-%m-%d")),
            Err(_) => s.serialize_str(&self.written),
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.written)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn date(written: &str) -> Result<NaiveDate, DateProblem> {
        let text = format!("d = {written}");
        #[derive(Deserialize)]
        struct T {
            d: Date,
        }
        toml::from_str::<T>(&text).unwrap().d.resolved
    }

    #[test]
    fn resolves_real_dates_and_rejects_impossible_ones_and_times() {
        assert_eq!(date("2024-02-29"), Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()));
        assert_eq!(date("2023-04-03T08:00:00"), Err(DateProblem::HasTime));
        assert_eq!(date("08:00:00"), Err(DateProblem::Impossible));
    }
}
