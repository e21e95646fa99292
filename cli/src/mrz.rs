//! `precheck mrz "L1\nL2[\nL3]"`: parse and check an MRZ (DESIGN §4).

use precheck_core::date::Date;
use precheck_core::mrz;

use crate::report::{self, MrzImageOutput, MrzNotFoundOutput, MrzOutput};
use crate::UserError;

/// Today in UTC from the wall clock (the CLI's default; the core never reads the clock).
pub fn today_utc() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_from_days((secs / 86_400) as i64)
}

/// Unix milliseconds as `YYYY-MM-DD HH:MM UTC`.
pub fn utc_timestamp(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let date = civil_from_days(secs.div_euclid(86_400));
    let minutes = secs.rem_euclid(86_400) / 60;
    format!("{} {:02}:{:02} UTC", date.iso(), minutes / 60, minutes % 60)
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

pub fn parse_today(today: Option<&str>) -> Result<Date, UserError> {
    match today {
        Some(s) => Ok(s.parse::<Date>()?),
        None => Ok(today_utc()),
    }
}

pub fn run(text: &str, today: Date, strict: bool, json: bool) -> Result<(), UserError> {
    let report = if strict {
        mrz::parse_strict(text, today)?
    } else {
        mrz::parse(text, today)?
    };
    print_report(&report, json)
}

pub fn print_report(report: &MrzOutput, json: bool) -> Result<(), UserError> {
    if json {
        return report::print_in_order(report);
    }
    println!(
        "{} {}",
        report.format.name(),
        if report.valid { "valid" } else { "INVALID" }
    );
    for line in &report.lines {
        println!("  {line}");
    }
    let f = &report.fields;
    println!(
        "  {} {}, {} {}, number {}, born {}, sex {}, expires {}{}",
        f.document_code,
        f.issuing_state,
        f.surname,
        f.given_names,
        f.document_number,
        f.birth_date
            .map(|d| d.iso())
            .unwrap_or(f.birth_date_raw.clone()),
        f.sex,
        f.expiry_date
            .map(|d| d.iso())
            .or(f.expiry_date_raw.clone())
            .unwrap_or_else(|| "-".into()),
        if report.expired == Some(true) {
            " (expired)"
        } else {
            ""
        }
    );
    for c in &report.checks {
        println!(
            "  check {:<16} {}",
            c.field.name(),
            if c.valid { "ok" } else { "WRONG" }
        );
    }
    for r in &report.repairs {
        println!(
            "  repaired line {} column {}: {} -> {} ({})",
            r.line,
            r.column,
            r.from,
            r.to,
            r.field.name()
        );
    }
    for w in &report.warnings {
        println!("  warning: {w:?}");
    }
    Ok(())
}

pub fn run_image(path: &std::path::Path, today: Date, json: bool) -> Result<(), UserError> {
    let image = crate::analyze::read_image(path)?;
    let start = std::time::Instant::now();
    let reading = mrz::read_mrz_from_image(&image, None)?;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let Some(reading) = reading else {
        if json {
            report::print(&MrzNotFoundOutput { found: false, ms })?;
        } else {
            println!("{}: no MRZ found ({ms:.1} ms)", path.display());
        }
        return Ok(());
    };
    let report = reading.report(today);
    if json {
        return report::print(&MrzImageOutput {
            report,
            found: true,
            corrected: reading.corrected,
            confidence: reading.confidence,
            band: reading.band.map(|p| [p.x, p.y]),
            ms,
        });
    }
    println!(
        "{}: read in {ms:.1} ms, confidence {:.2}, {} character(s) chosen by check digits",
        path.display(),
        reading.confidence,
        reading.corrected
    );
    print_report(&report, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0).iso(), "1970-01-01");
        assert_eq!(civil_from_days(11_016).iso(), "2000-02-29");
        assert_eq!(civil_from_days(20_415).iso(), "2025-11-23");
    }
}
