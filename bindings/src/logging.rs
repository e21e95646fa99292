//! Logging: the core logs through the `log` facade; this module installs one logger that
//! forwards every record to the platform log (logcat through `android_logger` on Android,
//! unified logging through `oslog` on Apple targets when the `oslog` feature is on) and to an
//! optional host callback ([`LogSink`]). A failing or re-entrant host sink never breaks the SDK.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Once, RwLock};

use log::{LevelFilter, Log, Metadata, Record};

/// Severity of a log record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, uniffi::Enum)]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

/// One log record as the host receives it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LogRecord {
    pub level: LogLevel,
    /// The Rust module that logged, e.g. `precheck_core::engine`.
    pub target: String,
    pub message: String,
}

/// Implemented by the host to receive the SDK's log records (e.g. into its own logger or crash
/// reporter). Called on the thread that logged; keep it quick. Exceptions it throws are
/// swallowed.
#[uniffi::export(foreign)]
pub trait LogSink: Send + Sync {
    fn log(&self, record: LogRecord);
}

static SINK: RwLock<Option<Arc<dyn LogSink>>> = RwLock::new(None);
static INSTALL: Once = Once::new();

thread_local! {
    /// Set while a host sink runs on this thread: records it causes are not sent back to it.
    static IN_SINK: Cell<bool> = const { Cell::new(false) };
}

/// Sends log records at `max_level` and above to `sink` (and to the platform log); `None`
/// removes the sink. Platform logging is on from the first engine, at `Info`.
#[uniffi::export]
pub fn set_log_sink(sink: Option<Arc<dyn LogSink>>, max_level: LogLevel) {
    crate::guard::shielded(
        "setLogSink",
        || (),
        || {
            install();
            match SINK.write() {
                Ok(mut slot) => *slot = sink,
                Err(poisoned) => *poisoned.into_inner() = sink,
            }
            log::set_max_level(level_filter(max_level));
        },
    )
}

/// Installs the SDK's logger once per process. If the process already has a `log` logger (the
/// host embeds other Rust code), that one stays and the sink receives nothing.
pub(crate) fn install() {
    INSTALL.call_once(|| {
        let logger: &'static HostLogger = Box::leak(Box::new(HostLogger {
            platform: platform_logger(),
        }));
        if log::set_logger(logger).is_ok() {
            log::set_max_level(LevelFilter::Info);
        }
    });
}

struct HostLogger {
    platform: Option<Box<dyn Log>>,
}

impl Log for HostLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= log::max_level()
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        if let Some(platform) = &self.platform {
            platform.log(record);
        }
        forward_to_sink(record);
    }

    fn flush(&self) {
        if let Some(platform) = &self.platform {
            platform.flush();
        }
    }
}

fn forward_to_sink(record: &Record<'_>) {
    if IN_SINK.with(Cell::get) {
        return;
    }
    let sink = match SINK.read() {
        Ok(slot) => slot.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    let Some(sink) = sink else { return };
    let host_record = LogRecord {
        level: record.level().into(),
        target: record.target().to_string(),
        message: record.args().to_string(),
    };
    IN_SINK.with(|flag| flag.set(true));
    // A host exception surfaces as a panic in uniffi's callback glue: drop it, keep going.
    let _ = catch_unwind(AssertUnwindSafe(|| sink.log(host_record)));
    IN_SINK.with(|flag| flag.set(false));
}

fn level_filter(level: LogLevel) -> LevelFilter {
    match level {
        LogLevel::Error => LevelFilter::Error,
        LogLevel::Warn => LevelFilter::Warn,
        LogLevel::Info => LevelFilter::Info,
        LogLevel::Debug => LevelFilter::Debug,
        LogLevel::Trace => LevelFilter::Trace,
    }
}

impl From<log::Level> for LogLevel {
    fn from(level: log::Level) -> Self {
        match level {
            log::Level::Error => LogLevel::Error,
            log::Level::Warn => LogLevel::Warn,
            log::Level::Info => LogLevel::Info,
            log::Level::Debug => LogLevel::Debug,
            log::Level::Trace => LogLevel::Trace,
        }
    }
}

#[cfg(target_os = "android")]
fn platform_logger() -> Option<Box<dyn Log>> {
    let config = android_logger::Config::default()
        .with_tag("precheck")
        .with_max_level(LevelFilter::Trace);
    Some(Box::new(android_logger::AndroidLogger::new(config)))
}

#[cfg(all(target_vendor = "apple", feature = "oslog"))]
fn platform_logger() -> Option<Box<dyn Log>> {
    Some(Box::new(oslog::OsLogger::new("dev.precheck")))
}

#[cfg(not(any(target_os = "android", all(target_vendor = "apple", feature = "oslog"))))]
fn platform_logger() -> Option<Box<dyn Log>> {
    None
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    struct Collect(Mutex<Vec<LogRecord>>);

    impl LogSink for Collect {
        fn log(&self, record: LogRecord) {
            if let Ok(mut records) = self.0.lock() {
                records.push(record);
            }
            // Re-entrant logging from inside the sink must not recurse.
            log::warn!(target: "precheck_ffi::test", "from inside the sink");
        }
    }

    struct Failing;

    impl LogSink for Failing {
        fn log(&self, _record: LogRecord) {
            panic!("host sink failed");
        }
    }

    #[test]
    fn sink_receives_records_and_failures_are_contained() {
        let collect = Arc::new(Collect(Mutex::new(Vec::new())));
        set_log_sink(Some(collect.clone()), LogLevel::Debug);
        log::info!(target: "precheck_ffi::test", "hello {}", 42);
        log::trace!(target: "precheck_ffi::test", "below the level");
        let records = collect.0.lock().map(|r| r.clone()).unwrap_or_default();
        assert_eq!(
            records,
            vec![LogRecord {
                level: LogLevel::Info,
                target: "precheck_ffi::test".into(),
                message: "hello 42".into(),
            }]
        );

        set_log_sink(Some(Arc::new(Failing)), LogLevel::Info);
        log::error!(target: "precheck_ffi::test", "survives a failing sink");
        set_log_sink(None, LogLevel::Info);
    }
}
