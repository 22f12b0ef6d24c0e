//! The command line: arguments, commands and exit codes.
//!
//! Exit codes: 0 clean or only warnings, 1 errors in a plan, 2 the tool itself
//! could not run (a file unreadable, an output unwritable). Operational errors
//! are printed here with their cause chain.

mod check;
mod codes;
mod new;
mod output;
mod render;
mod schema;

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
        /// Tệp kế hoạch (.toml) hoặc thư mục chứa các tệp kế hoạch.
        #[arg(required = true)]
        plans: Vec<PathBuf>,
        /// Dạng kết quả: text (mặc định) hoặc json cho công cụ khác.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Trình bày kế hoạch thành DOCX và PDF theo Nghị định 30 (mặc định vào thư mục output/).
    Render {
        /// Tệp kế hoạch (.toml) hoặc thư mục chứa các tệp kế hoạch.
        #[arg(required = true)]
        plans: Vec<PathBuf>,
        /// Định dạng đầu ra, ví dụ: --to docx,pdf (mặc định cả hai).
        #[arg(long, value_enum, value_delimiter = ',', default_value = "docx,pdf")]
        to: Vec<render::Target>,
        /// Thư mục ghi kết quả.
        #[arg(short = 'o', long = "output", default_value = "output")]
        out_dir: PathBuf,
        /// Bản dự thảo: in dấu "DỰ THẢO" và vẫn trình bày khi kế hoạch còn lỗi.
        #[arg(long)]
        draft: bool,
        /// Thư mục mẫu (template) thay cho mẫu có sẵn.
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// Tạo một kế hoạch mẫu có chú thích để bắt đầu soạn.
    New {
        /// Tệp sẽ tạo (không ghi đè tệp đã có).
        #[arg(default_value = "ke-hoach.toml")]
        path: PathBuf,
    },
    /// In JSON Schema của định dạng kế hoạch (cho Taplo / Even Better TOML).
    Schema,
    /// Liệt kê các mã kiểm tra và ý nghĩa.
    Codes,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang;
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
        Command::Check { plans, format } => check::run(&plans, format, lang),
        Command::Render { plans, to, out_dir, draft, templates } => {
            render::run(&plans, &render::Options { to, out_dir, draft, templates, lang })
        }
        Command::New { path } => new::run(&path),
        Command::Schema => schema::run(),
        Command::Codes => codes::run(lang),
    };
    match outcome {
        Ok(code) => code,
        // The reader stopped reading (`kehoach check … | head`): not a failure.
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let prefix = if lang == Lang::En { "error" } else { "lỗi" };
            eprintln!("{prefix}: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  → {cause}");
            }
            ExitCode::from(2)
        }
    }
}

/// Plan files named on the command line; a folder stands for the .toml files in it.
pub fn expand_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    use anyhow::Context;
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("không đọc được thư mục `{}`", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}
