//! Command help in the reader's language: Vietnamese headings by default,
//! English texts with `--lang en`. The Vietnamese texts are the doc comments
//! on the argument types; the English ones are this table, keyed by command and argument.

use clap::{Arg, Command};

use crate::diag::Lang;

/// (command, argument id or "" for the command itself, English help).
const ENGLISH: &[(&str, &str, &str)] = &[
    ("kehoach", "", "kehoach — draft, check and lay out Vietnamese official plans per Decree 30/2020/NĐ-CP."),
    ("kehoach", "lang", "Language of messages: vi (default) or en."),
    ("kehoach", "root", "Folder `extends` may not leave (default: the plan's own folder; a child plan in a subfolder needs --root set to the shared folder)."),
    ("kehoach", "licenses", "Print the licence of the embedded fonts (SIL OFL 1.1) and exit."),
    ("check", "", "Check plans: indicators, lead agencies, budget, dates, signature…"),
    ("check", "plans", "Plan files (.toml) or folders of plans."),
    ("check", "format", "Output: text (default) or json for tools."),
    ("render", "", "Lay plans out as DOCX and PDF per Decree 30 (into output/ by default)."),
    ("render", "plans", "Plan files (.toml) or folders of plans."),
    ("render", "to", "Output formats, e.g. --to docx,pdf (default: both)."),
    ("render", "out_dir", "Folder for the results."),
    ("render", "draft", "A draft: print the \"DỰ THẢO\" mark and render even with errors."),
    ("render", "templates", "Template folder layered over the built-in and the plans' own templates."),
    ("render", "explain_templates", "Say which layer each template came from."),
    ("render", "reference_docx", "Take the DOCX's sizes and spacing from the office's Word template (within Decree 30)."),
    ("render", "pdf_a", "PDF to the archival standard PDF/A-2b."),
    ("render", "fonts", "The office's font folder: the PDF uses its Times New Roman instead of Liberation Serif."),
    ("trace", "", "Compare a child plan's indicators with its parent's: values and where they were set."),
    ("trace", "plan", "The child plan (with `extends`)."),
    ("trace", "format", "Output: text (default) or json."),
    (
        "explain",
        "",
        "The effective value of a key and the files that set it, e.g. objectives.indicators.xa-phu-hop-tre-em.target",
    ),
    ("explain", "plan", "The plan file."),
    ("explain", "key", "The key, e.g. objectives.indicators.xa-phu-hop-tre-em.target"),
    (
        "diff",
        "",
        "Compare two versions of a plan by meaning: a change list, a comparison table, a tracked-changes DOCX.",
    ),
    ("diff", "old", "The old version (or the parent plan, with --resolved)."),
    ("diff", "new", "The new version (or the child plan, with --resolved)."),
    ("diff", "format", "text (default) or json."),
    ("diff", "to", "Write the comparison table: --to docx,pdf."),
    ("diff", "redline", "Write the new version as DOCX with every change as a tracked change."),
    ("diff", "author", "Author of the tracked changes."),
    ("diff", "date", "Date of the tracked changes (default: the new version's date; none if it has none)."),
    ("diff", "resolved", "Compare the plans as merged through `extends`: a parent with its child (two versions of one child plan are always compared so)."),
    ("diff", "tone_marks", "Count tone-mark placement differences (hoà/hòa, Uỷ/Ủy) as changes."),
    ("diff", "out_dir", "Folder for the comparison table and the redline."),
    ("new", "", "Write a commented starter plan, or with --from a child plan that extends a parent."),
    ("new", "path", "File to create (an existing file is never overwritten)."),
    ("new", "from", "Create a child plan extending this plan."),
    ("new", "issuer", "Issuing body of the child plan, e.g. \"Ủy ban nhân dân huyện Mai Sơn\"."),
    ("new", "abbr", "Abbreviation of the issuer in the ký hiệu (default: derived)."),
    (
        "new",
        "level",
        "Level of the new plan. Before 1 July 2025: district (a district's UBND, the default), office (an office of \
         a district, e.g. Phòng Giáo dục và Đào tạo), commune (a commune's or township's UBND); from 1 July 2025 \
         (two-tier local government): commune (the default), ward, special-zone.",
    ),
    ("new", "date", "Date of the new plan (2025-09-15 or 15/9/2025), which decides the levels of government; default: today."),
    ("new", "renames", "TOML file of agency renaming rules ([[rename]] from/to), tried before the built-in table."),
    ("schema", "", "Print the JSON Schema of the plan format (for Taplo / Even Better TOML)."),
    ("schema", "diff", "Print the JSON Schema of `kehoach diff --format json` instead."),
    ("codes", "", "List the check codes and what they mean."),
    ("check", "annotate", "For a .docx: write a copy with a Word comment (author \"kehoach\") at each format finding; the original is not changed."),
    ("check", "fix", "For a .docx: write a copy with the format findings fixed where the decree fixes the value (paper, margins, font, date, page numbers); a digitally signed file is refused."),
    ("check", "force", "Overwrite an existing --annotate or --fix file."),
    ("rules", "", "List the NĐ 30 format rules `check` applies to a Word file (.docx)."),
    ("import", "", "Import a Word (.docx), PDF (with a text layer) or text (.txt) plan into a plan file (.toml)."),
    ("import", "files", "Documents to import (several are imported in parallel)."),
    ("import", "output", "Plan file to write (default: same name, .toml); with several documents, a folder."),
    ("import", "force", "Overwrite an existing file."),
    ("import", "extends", "Parent plan (.toml) this document implements: write only what differs from it (`extends`)."),
    ("serve", "", "Open the browser editor for the plans of a folder: form, live preview, history, comparison."),
    ("serve", "folder", "Folder of plans (default: the current folder)."),
    ("serve", "listen", "Address to listen on, e.g. 127.0.0.1:8030; any address but 127.0.0.1/::1 needs --token."),
    ("serve", "token", "Token every request must carry (required when not listening on loopback)."),
];

/// The help layout with headings in Vietnamese, showing only the sections a command has.
fn vietnamese_template(cmd: &Command) -> String {
    let mut t = String::from("{about-with-newline}\nCách dùng: {usage}\n");
    if cmd.has_subcommands() {
        t += "\nLệnh:\n{subcommands}\n";
    }
    if cmd.get_positionals().next().is_some() {
        t += "\nĐối số:\n{positionals}\n";
    }
    t += "\nTùy chọn:\n{options}\n";
    t
}

/// English texts, set before the command is built (a positional re-inserted
/// after building loses its place).
fn english(mut cmd: Command) -> Command {
    let name = cmd.get_name().to_string();
    for (_, arg, text) in ENGLISH.iter().filter(|(c, _, _)| *c == name) {
        if arg.is_empty() {
            cmd = cmd.about(*text);
        } else if cmd.get_arguments().any(|a| a.get_id() == *arg) {
            // The values' own descriptions are Vietnamese (doc comments): the English text says it all.
            cmd = cmd.mut_arg(*arg, |a| a.help(*text).hide_possible_values(*arg == "level"));
        }
    }
    cmd.mut_subcommands(english)
}

/// Vietnamese headings and the texts of the generated help/version flags,
/// set after building (that is when those flags exist).
fn vietnamese(mut cmd: Command) -> Command {
    let template = vietnamese_template(&cmd);
    cmd = cmd.help_template(template);
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, |a| value_notes(vietnamese_value_names(a)));
    }
    // clap's own words in the usage line ("[OPTIONS]") and after each help text.
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .strip_prefix("Usage: ")
        .unwrap_or(&usage)
        .replace("[OPTIONS]", "[TÙY CHỌN]")
        .replace("<COMMAND>", "<LỆNH>")
        .replace("[COMMAND]", "[LỆNH]");
    cmd = cmd.override_usage(usage);
    if cmd.get_arguments().any(|a| a.get_id() == "help") {
        cmd = cmd.mut_arg("help", |a| a.help("In trợ giúp").long_help("In trợ giúp (bản tóm tắt: -h)"));
    }
    if cmd.get_subcommands().any(|c| c.get_name() == "help") {
        cmd = cmd.mut_subcommand("help", |c| c.about("In trợ giúp của kehoach hoặc của một lệnh"));
    }
    if cmd.get_arguments().any(|a| a.get_id() == "version") {
        cmd = cmd.mut_arg("version", |a| a.help("In phiên bản"));
    }
    cmd.mut_subcommands(vietnamese)
}

/// The placeholders of values ("<PLANS>") in Vietnamese, keyed by clap's name.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("ABBR", "VIẾT_TẮT"),
    ("AUTHOR", "TÁC_GIẢ"),
    ("DATE", "NGÀY"),
    ("DIR", "THƯ_MỤC"),
    ("FILE", "TỆP"),
    ("FILES", "TỆP"),
    ("FOLDER", "THƯ_MỤC"),
    ("FORMAT", "ĐỊNH_DẠNG"),
    ("FROM", "KẾ_HOẠCH_CẤP_TRÊN"),
    ("ISSUER", "CƠ_QUAN"),
    ("KEY", "KHÓA"),
    ("LANG", "NGÔN_NGỮ"),
    ("LEVEL", "CẤP"),
    ("LISTEN", "ĐỊA_CHỈ"),
    ("NEW", "BẢN_MỚI"),
    ("OLD", "BẢN_CŨ"),
    ("OUTPUT", "ĐÍCH"),
    ("OUT_DIR", "THƯ_MỤC"),
    ("PARENT", "KẾ_HOẠCH_CẤP_TRÊN"),
    ("PATH", "TỆP"),
    ("PLAN", "KẾ_HOẠCH"),
    ("PLANS", "KẾ_HOẠCH"),
    ("RENAMES", "TỆP_ĐỔI_TÊN"),
    ("ROOT", "THƯ_MỤC"),
    ("TEMPLATES", "THƯ_MỤC_MẪU"),
    ("TO", "ĐỊNH_DẠNG"),
    ("TOKEN", "MÃ"),
];

/// An argument's value placeholders in Vietnamese (clap's derive names each after
/// its argument: "out_dir" → "OUT_DIR").
fn vietnamese_value_names(arg: Arg) -> Arg {
    let Some(names) = arg.get_value_names().filter(|_| arg.get_action().takes_values()) else { return arg };
    let vietnamese: Vec<clap::builder::Str> = names
        .iter()
        .map(|n| VALUE_NAMES.iter().find(|(en, _)| *en == n.as_str()).map_or_else(|| n.clone(), |(_, vi)| (*vi).into()))
        .collect();
    arg.value_names(vietnamese)
}

/// An argument's environment variable, default and values, which clap prints after
/// its help in English ("[default: vi]"), written in Vietnamese instead.
fn value_notes(arg: Arg) -> Arg {
    let mut notes = Vec::new();
    if let Some(env) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        notes.push(format!("[biến môi trường: {}]", env.to_string_lossy()));
    }
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    // A flag's "false" is no value to show.
    if !defaults.is_empty() && !arg.is_hide_default_value_set() && arg.get_action().takes_values() {
        notes.push(format!("[mặc định: {}]", defaults.join(",")));
    }
    let values: Vec<_> = arg.get_possible_values().into_iter().filter(|v| !v.is_hide_set()).collect();
    let shown = !values.is_empty() && !arg.is_hide_possible_values_set() && arg.get_action().takes_values();
    if shown {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        notes.push(format!("[giá trị: {}]", names.join(", ")));
    }
    if notes.is_empty() {
        return arg;
    }
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let long = arg.get_long_help().map(|h| h.to_string());
    // Values that have their own descriptions are listed one a line in the long help.
    let described: Vec<String> =
        values.iter().filter_map(|v| v.get_help().map(|h| format!("- {}: {h}", v.get_name()))).collect();
    let long_help = (long.is_some() || !described.is_empty()).then(|| {
        let mut text = format!("{}\n\n{}", long.as_deref().unwrap_or(&help), notes.join("\n"));
        if shown && described.len() == values.len() {
            text = format!("{}\n\nGiá trị:\n{}", long.as_deref().unwrap_or(&help), described.join("\n"));
            text += &notes.iter().filter(|n| !n.starts_with("[giá trị")).map(|n| format!("\n{n}")).collect::<String>();
        }
        text
    });
    let mut arg = arg.hide_env(true).hide_default_value(true).hide_possible_values(shown);
    arg = arg.help(format!("{help} {}", notes.join(" ")));
    match long_help {
        Some(text) => arg.long_help(text),
        None => arg,
    }
}

/// The command line definition with help texts in `lang`.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => english(cmd),
        Lang::Vi => {
            let mut cmd = cmd;
            cmd.build();
            vietnamese(cmd)
        }
    }
}

/// The language asked for on the command line or in KEHOACH_LANG, read before parsing
/// so that `--help` itself is in that language.
pub fn requested_lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let from_args = args
        .windows(2)
        .find(|w| w[0] == "--lang")
        .map(|w| w[1].clone())
        .or_else(|| args.iter().find_map(|a| a.strip_prefix("--lang=").map(str::to_string)));
    let value = from_args.or_else(|| std::env::var("KEHOACH_LANG").ok()).unwrap_or_default();
    if value.eq_ignore_ascii_case("en") {
        Lang::En
    } else {
        Lang::Vi
    }
}

/// A usage error (a wrong option, value or command) in the reader's language, with
/// where to read more; `None` for help and version, which clap prints itself.
pub fn usage_error(e: &clap::Error, lang: Lang) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    let arg = context(ContextKind::InvalidArg).or_else(|| context(ContextKind::InvalidSubcommand)).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let msg = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let msg = crate::diag::Msg::new("usage.invalid-value").arg("arg", &arg).arg("value", &value);
            match context(ContextKind::ValidValue) {
                Some(valid) => crate::diag::Msg::new("usage.invalid-value-choice")
                    .arg("arg", &arg)
                    .arg("value", &value)
                    .arg("valid", valid),
                None => msg,
            }
        }
        ErrorKind::UnknownArgument => crate::diag::Msg::new("usage.unknown-argument").arg("arg", &arg),
        ErrorKind::InvalidSubcommand => crate::diag::Msg::new("usage.unknown-command").arg("arg", &arg),
        ErrorKind::MissingRequiredArgument => crate::diag::Msg::new("usage.missing").arg("arg", &arg),
        _ => return None,
    };
    // "chek" → `check`, "--too" → `--to`: clap's nearest name, when it has one.
    let names = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    };
    let mut candidates = names(ContextKind::SuggestedSubcommand);
    candidates.extend(names(ContextKind::SuggestedArg));
    // clap may offer several ("schema, check" for "chek"): the one fewest edits away.
    let typed = arg.split_whitespace().next().unwrap_or_default();
    let nearest = crate::diag::closest(typed, &candidates).or(candidates.first().map(String::as_str));
    let suggestion = nearest
        .map(|name| format!("\n  → {}", crate::diag::Msg::new("usage.did-you-mean").arg("name", name).render(lang)))
        .unwrap_or_default();
    Some(format!(
        "{}: {}{suggestion}\n  → {}",
        lang.text("severity.error"),
        msg.render(lang),
        lang.text("usage.see-help")
    ))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every option and argument has its English help: `--lang en` never falls back
    /// to the Vietnamese doc comment.
    #[test]
    fn every_argument_has_english_help() {
        fn walk(cmd: &clap::Command, missing: &mut Vec<String>) {
            let name = cmd.get_name();
            for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                let id = arg.get_id().as_str();
                if !matches!(id, "help" | "version") && !super::ENGLISH.iter().any(|(c, a, _)| *c == name && *a == id) {
                    missing.push(format!("{name} {id}"));
                }
            }
            cmd.get_subcommands().for_each(|c| walk(c, missing));
        }
        let mut missing = Vec::new();
        walk(&super::super::Cli::command(), &mut missing);
        assert!(missing.is_empty(), "no English help for: {missing:?}");
    }

    /// Vietnamese help names every value in Vietnamese: no "<PLANS>" left, in the
    /// usage line or the list of options.
    #[test]
    fn every_value_placeholder_is_vietnamese() {
        fn walk(cmd: &mut clap::Command, english: &mut Vec<String>) {
            let help = cmd.render_help().to_string();
            for name in help.split(['<', '[']).skip(1).filter_map(|s| s.split_once([']', '>']).map(|(n, _)| n)) {
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                    english.push(format!("{}: {name}", cmd.get_name()));
                }
            }
            cmd.get_subcommands_mut().for_each(|c| walk(c, english));
        }
        let mut cmd = super::localize(super::super::Cli::command(), crate::diag::Lang::Vi);
        let mut english = Vec::new();
        walk(&mut cmd, &mut english);
        assert!(english.is_empty(), "{english:?}");
        let render = cmd.find_subcommand_mut("render").unwrap().render_help().to_string();
        assert!(render.contains("[TÙY CHỌN] <KẾ_HOẠCH>...") && render.contains("-o, --output <THƯ_MỤC>"), "{render}");
    }
}
