//! The command line: arguments, commands and exit codes.
//!
//! Exit codes: 0 clean or only warnings, 1 errors in a plan, 2 the tool itself
//! could not run (a file unreadable, an output unwritable). Operational errors
//! are printed here with their cause chain.

mod check;
mod codes;
mod diff;
mod document;
mod explain;
mod help;
mod import;
mod new;
mod output;
mod render;
mod rules;
mod schema;
mod trace;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diag::Lang;

/// kehoach — soạn thảo, kiểm tra và trình bày Kế hoạch theo Nghị định 30/2020/NĐ-CP.
#[derive(Parser, Debug)]
#[command(name = "kehoach", version)]
pub struct Cli {
    /// Ngôn ngữ thông báo: vi (mặc định) hoặc en.
    #[arg(long, global = true, value_enum, env = "KEHOACH_LANG", default_value = "vi")]
    pub lang: Lang,
    /// Thư mục mà `extends` không được ra ngoài (mặc định: thư mục chứa kế hoạch; kế hoạch cấp dưới ở thư mục con cần --root là thư mục chung).
    #[arg(long, global = true)]
    pub root: Option<PathBuf>,
    /// In giấy phép của phông chữ nhúng (SIL OFL 1.1) rồi thoát.
    #[arg(long)]
    pub licenses: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Kiểm tra kế hoạch: chỉ tiêu, cơ quan chủ trì, kinh phí, ngày tháng, phần ký…
    Check {
        /// Tệp kế hoạch (.toml), văn bản Word/PDF/.txt, hoặc thư mục chứa các tệp kế hoạch.
        #[arg(required = true)]
        plans: Vec<PathBuf>,
        /// Dạng kết quả: text (mặc định) hoặc json cho công cụ khác.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Với tệp .docx: ghi bản sao có chú thích Word (người chú thích "kehoach") tại mỗi lỗi thể thức; tệp gốc giữ nguyên.
        #[arg(long, value_name = "OUT.docx")]
        annotate: Option<PathBuf>,
        /// Với tệp .docx: ghi bản sao đã sửa các lỗi thể thức sửa được chắc chắn (khổ giấy, lề, phông, ngày tháng, số trang); không sửa văn bản có chữ ký số.
        #[arg(long, value_name = "OUT.docx")]
        fix: Option<PathBuf>,
        /// Ghi đè tệp --annotate hoặc --fix đã có.
        #[arg(long)]
        force: bool,
    },
    /// Nhập một kế hoạch Word (.docx), PDF có lớp chữ hoặc văn bản (.txt) thành tệp kế hoạch (.toml).
    Import {
        /// Văn bản cần nhập (một hoặc nhiều tệp; nhiều tệp được nhập song song).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Tệp kế hoạch sẽ ghi (mặc định: cùng tên, đuôi .toml); với nhiều văn bản: thư mục ghi.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Ghi đè tệp đã có.
        #[arg(long)]
        force: bool,
        /// Kế hoạch cấp trên (.toml) mà văn bản này thực hiện: chỉ ghi những gì khác cấp trên (`extends`).
        #[arg(long, value_name = "PARENT")]
        extends: Option<PathBuf>,
    },
    /// Trình bày kế hoạch thành DOCX và PDF theo Nghị định 30 (mặc định vào thư mục output/).
    Render {
        /// Tệp kế hoạch (.toml) hoặc thư mục chứa các tệp kế hoạch.
        #[arg(required = true)]
        plans: Vec<PathBuf>,
        /// Định dạng đầu ra, ví dụ: --to docx,pdf (mặc định cả hai).
        #[arg(long, value_enum, value_delimiter = ',', default_value = "docx,pdf")]
        to: Vec<crate::export::Format>,
        /// Thư mục ghi kết quả.
        #[arg(short = 'o', long = "output", default_value = "output")]
        out_dir: PathBuf,
        /// Bản dự thảo: in dấu "DỰ THẢO" và vẫn trình bày khi kế hoạch còn lỗi.
        #[arg(long)]
        draft: bool,
        /// Thư mục mẫu (template) đặt trên mẫu có sẵn và mẫu của kế hoạch.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Cho biết mỗi mẫu lấy từ lớp nào (có sẵn, cấp trên, kế hoạch, --templates).
        #[arg(long)]
        explain_templates: bool,
        /// Lấy cỡ chữ, giãn dòng của DOCX từ tệp Word mẫu của cơ quan (trong giới hạn NĐ 30).
        #[arg(long, value_name = "FILE")]
        reference_docx: Option<PathBuf>,
        /// PDF theo chuẩn lưu trữ PDF/A-2b.
        #[arg(long)]
        pdf_a: bool,
        /// Thư mục phông của cơ quan: PDF dùng Times New Roman trong đó thay cho Liberation Serif.
        #[arg(long, value_name = "DIR")]
        fonts: Option<PathBuf>,
    },
    /// So sánh chỉ tiêu của kế hoạch cấp dưới với kế hoạch cấp trên: giá trị và nơi ghi.
    Trace {
        /// Kế hoạch cấp dưới (có `extends`).
        plan: PathBuf,
        /// text (mặc định) hoặc json.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Cho biết giá trị thực của một khóa và các tệp đã ghi nó, ví dụ
    /// objectives.indicators.xa-phu-hop-tre-em.target
    Explain {
        /// Tệp kế hoạch.
        plan: PathBuf,
        /// Khóa, ví dụ objectives.indicators.xa-phu-hop-tre-em.target
        key: String,
    },
    /// So sánh hai phiên bản kế hoạch theo nội dung (chỉ tiêu, nhiệm vụ… theo mã):
    /// danh sách thay đổi, bảng so sánh, bản DOCX có theo dõi thay đổi.
    Diff {
        /// Phiên bản cũ (hoặc kế hoạch cấp trên, với --resolved).
        old: PathBuf,
        /// Phiên bản mới (hoặc kế hoạch cấp dưới, với --resolved).
        new: PathBuf,
        /// text (mặc định) hoặc json.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Ghi bảng so sánh: --to docx,pdf.
        #[arg(long, value_enum, value_delimiter = ',')]
        to: Vec<crate::export::Format>,
        /// Ghi bản DOCX của phiên bản mới với mọi thay đổi là "theo dõi thay đổi" (Track Changes).
        #[arg(long)]
        redline: bool,
        /// Người sửa ghi trong các thay đổi.
        #[arg(long, default_value = "kehoach")]
        author: String,
        /// Ngày ghi trong các thay đổi (mặc định: ngày của phiên bản mới; không ghi ngày nếu phiên bản mới chưa có ngày).
        #[arg(long)]
        date: Option<String>,
        /// So sánh kế hoạch đã gộp qua `extends`: kế hoạch cấp trên với kế hoạch cấp dưới (hai phiên bản của cùng một kế hoạch cấp dưới thì luôn so sánh như vậy).
        #[arg(long)]
        resolved: bool,
        /// Coi khác biệt vị trí dấu thanh (hoà/hòa, Uỷ/Ủy) là thay đổi.
        #[arg(long)]
        tone_marks: bool,
        /// Thư mục ghi bảng so sánh và bản theo dõi thay đổi.
        #[arg(short = 'o', long = "output", default_value = "output")]
        out_dir: PathBuf,
    },
    /// Tạo một kế hoạch mẫu có chú thích để bắt đầu soạn.
    New {
        /// Tệp sẽ tạo (không ghi đè tệp đã có).
        #[arg(default_value = "ke-hoach.toml")]
        path: PathBuf,
        /// Tạo kế hoạch cấp dưới kế thừa kế hoạch này (`extends`).
        #[arg(long)]
        from: Option<PathBuf>,
        /// Cơ quan ban hành kế hoạch cấp dưới, ví dụ "Ủy ban nhân dân huyện Mai Sơn".
        #[arg(long, requires = "from")]
        issuer: Option<String>,
        /// Chữ viết tắt của cơ quan trong ký hiệu (mặc định: tự suy ra).
        #[arg(long, requires = "from")]
        abbr: Option<String>,
        /// Cấp của kế hoạch mới. Trước 01/7/2025: district (huyện, mặc định), office (phòng),
        /// commune (xã), ward (phường); từ 01/7/2025 (chính quyền hai cấp): commune (xã, mặc định),
        /// ward (phường), special-zone (đặc khu).
        #[arg(long, value_enum, requires = "from")]
        level: Option<crate::district::renames::Level>,
        /// Ngày của kế hoạch mới (2025-09-15 hoặc 15/9/2025), quyết định cấp chính quyền; mặc định: hôm nay.
        #[arg(long, requires = "from", value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
        /// Tệp TOML các quy tắc đổi tên cơ quan ([[rename]] from = "…" to = "…"), dùng trước bảng có sẵn.
        #[arg(long, requires = "from")]
        renames: Option<PathBuf>,
    },
    /// In JSON Schema của định dạng kế hoạch (cho Taplo / Even Better TOML).
    Schema {
        /// In JSON Schema của kết quả `kehoach diff --format json` thay vì của kế hoạch.
        #[arg(long)]
        diff: bool,
    },
    /// Mở trình soạn thảo trên trình duyệt cho các kế hoạch trong thư mục: biểu mẫu, xem trước, lịch sử, so sánh.
    Serve {
        /// Thư mục chứa các kế hoạch (mặc định: thư mục đang đứng).
        #[arg(default_value = ".")]
        folder: PathBuf,
        /// Địa chỉ lắng nghe, ví dụ 127.0.0.1:8030; địa chỉ khác 127.0.0.1/::1 cần --token.
        #[arg(long, default_value = "127.0.0.1:8030")]
        listen: String,
        /// Mã truy cập mọi yêu cầu phải có (bắt buộc khi không nghe trên 127.0.0.1).
        #[arg(long, env = "KEHOACH_TOKEN", hide_env_values = true)]
        token: Option<String>,
    },
    /// Liệt kê các mã kiểm tra và ý nghĩa.
    Codes,
    /// Liệt kê các quy tắc thể thức NĐ 30 mà `check` áp dụng cho tệp Word (.docx).
    Rules,
}

/// A date on the command line: 2025-09-15, or as Vietnamese write it, 15/9/2025.
fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::vi::date::read(s).ok_or_else(|| "2025-09-15, 15/9/2025".to_string())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let parse = |command: clap::Command| command.try_get_matches().and_then(|m| Cli::from_arg_matches(&m));
    // Help, version and usage errors are shown in the reader's language. Localising
    // builds every subcommand, which costs more than a whole DOCX render's templates,
    // so it is done only when clap has something to show.
    let cli = match parse(Cli::command()) {
        Ok(cli) => cli,
        Err(_) => match parse(help::localize(Cli::command(), help::requested_lang())) {
            Ok(cli) => cli,
            Err(e) => match help::usage_error(&e, help::requested_lang()) {
                Some(message) => {
                    eprintln!("{message}");
                    return ExitCode::from(2);
                }
                None => e.exit(),
            },
        },
    };
    let lang = cli.lang;
    crate::diag::set_process_lang(lang);
    quiet_panics();
    if cli.licenses {
        let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), crate::fonts::LICENSE.as_bytes());
        return ExitCode::SUCCESS;
    }
    let Some(command) = cli.command else {
        use clap::CommandFactory;
        let _ = Cli::command().print_help();
        return ExitCode::from(2);
    };
    let outcome = match command {
        Command::Check { plans, format, annotate, fix, force } => {
            let outputs = check::Outputs { annotate: annotate.as_deref(), fix: fix.as_deref(), force };
            check::run(&plans, cli.root.as_deref(), format, &outputs, lang)
        }
        Command::Render { plans, to, out_dir, draft, templates, explain_templates, reference_docx, pdf_a, fonts } => {
            render::settings(reference_docx.as_deref(), pdf_a, fonts.as_deref(), lang).and_then(|settings| {
                render::run(
                    &plans,
                    &render::Options {
                        to,
                        out_dir,
                        draft,
                        templates,
                        explain_templates,
                        root: cli.root.clone(),
                        lang,
                        settings,
                    },
                )
            })
        }
        Command::Diff { old, new, format, to, redline, author, date, resolved, tone_marks, out_dir } => diff::run(
            &old,
            &new,
            &diff::Options {
                to,
                out_dir,
                redline,
                author,
                date,
                resolved,
                tones: tone_marks,
                json: format == Format::Json,
                root: cli.root.clone(),
                lang,
            },
        ),
        Command::Import { files, output, force, extends } => {
            let opts = import::Options { output, force, extends, root: cli.root.clone(), lang, diagnostics: true };
            import::run(&files, &opts)
        }
        Command::Trace { plan, format } => {
            let root = cli.root.clone().unwrap_or_else(|| crate::load::default_root(&plan));
            trace::run(&plan, &root, format, lang)
        }
        Command::Explain { plan, key } => {
            let root = cli.root.clone().unwrap_or_else(|| crate::load::default_root(&plan));
            explain::run(&plan, &key, &root, lang)
        }
        Command::New { path, from: None, .. } => new::run(&path, lang),
        Command::New { path, from: Some(from), issuer, abbr, level, date, renames } => {
            let root = cli.root.clone().unwrap_or_else(|| crate::load::default_root(&from));
            new::run_from(&new::FromArgs {
                path: &path,
                from: &from,
                issuer,
                abbr,
                level,
                date,
                renames,
                root: &root,
                root_given: cli.root.is_some(),
                lang,
            })
        }
        Command::Schema { diff } => schema::run(diff, lang),
        Command::Serve { folder, listen, token } => {
            crate::serve::run(&folder, &listen, token, lang).map(|()| ExitCode::SUCCESS)
        }
        Command::Codes => codes::run(lang),
        Command::Rules => rules::run(lang),
    };
    match outcome {
        Ok(code) => code,
        // The reader stopped reading (`kehoach check … | head`): not a failure.
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            report_error(&e, lang);
            ExitCode::from(2)
        }
    }
}

/// Prints an operational error and its causes on stderr.
fn report_error(e: &anyhow::Error, lang: Lang) {
    eprintln!("{}: {e}", lang.text("severity.error"));
    for cause in e.chain().skip(1) {
        eprintln!("  → {}", cause_text(cause, lang));
    }
}

/// One cause of an operational error, a common I/O failure in the reader's language.
fn cause_text(cause: &(dyn std::error::Error + 'static), lang: Lang) -> String {
    io_cause(cause).map_or_else(|| cause.to_string(), |k| lang.text(k).to_string())
}

std::thread_local! {
    /// The last panic message of this thread, kept by the hook [`run`] installs.
    static PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f`; a panic in it (a bug, ours or a library's) becomes an error that
/// names the plan instead of ending the whole command.
fn guard<T>(f: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(_) => {
            let detail = PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default();
            Err(anyhow::anyhow!(crate::diag::Msg::new("error.internal").arg("detail", detail)))
        }
    }
}

/// Keeps panic messages for [`guard`] instead of printing them.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        // The first line says what broke; library messages can run to pages.
        let first = message.lines().next().unwrap_or_default();
        PANIC.with(|p| *p.borrow_mut() = Some(format!("{first}{at}")));
    }));
}

/// The message key of a common I/O failure, so the cause reads in the reader's language.
fn io_cause(cause: &(dyn std::error::Error + 'static)) -> Option<&'static str> {
    match cause.downcast_ref::<std::io::Error>()?.kind() {
        std::io::ErrorKind::NotFound => Some("error.io.not-found"),
        std::io::ErrorKind::PermissionDenied => Some("error.io.permission"),
        std::io::ErrorKind::AlreadyExists => Some("error.io.exists"),
        std::io::ErrorKind::AddrInUse => Some("error.io.addr-in-use"),
        std::io::ErrorKind::AddrNotAvailable => Some("error.io.addr-not-available"),
        std::io::ErrorKind::StorageFull => Some("error.io.disk-full"),
        std::io::ErrorKind::IsADirectory => Some("error.io.is-dir"),
        std::io::ErrorKind::NotADirectory => Some("error.io.not-dir"),
        _ => None,
    }
}

/// Plan files named on the command line; a folder stands for the .toml files in it.
pub fn expand_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    use anyhow::Context;
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| crate::diag::Msg::new("error.read-dir").arg("path", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            // An empty folder is a mistaken path, not a successful run of nothing.
            if found.is_empty() {
                anyhow::bail!(crate::diag::Msg::new("error.no-plans").arg("path", p.display()));
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_read_as_iso_or_as_vietnamese_write_them() {
        let day = chrono::NaiveDate::from_ymd_opt(2025, 9, 15);
        assert_eq!(super::parse_date("2025-09-15").ok(), day);
        assert_eq!(super::parse_date("15/9/2025").ok(), day);
        assert_eq!(super::parse_date("15/09/2025").ok(), day);
        assert!(super::parse_date("9/15/2025").is_err());
        assert!(super::parse_date("15/9/25").is_err());
    }
}
