//! `precheck idnum CN NUMBER`: check a national identity number (DESIGN §4).

use precheck_core::date::Date;
use precheck_core::idnum;

use crate::report::{self, IdnumOutput};
use crate::UserError;

pub fn run(country: &str, number: &str, today: Date, json: bool) -> Result<(), UserError> {
    let result: IdnumOutput = idnum::check(country, number, today)?;
    if json {
        return report::print_in_order(&result);
    }
    match result.reason {
        None => println!("{number}: valid"),
        Some(reason) => println!("{number}: INVALID, {}", reason.message()),
    }
    if let Some(n) = &result.normalized {
        println!("  normalized {n}");
    }
    if let Some(b) = result.birth_date {
        println!("  born {b}");
    }
    println!("  {}", serde_json::to_string(&result.details)?);
    Ok(())
}
