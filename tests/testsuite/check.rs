//! `kehoach check`: each diagnostic code on a plan with exactly that fault, at the
//! right line, with the right exit status.

use crate::support::*;

/// Asserts that `text` gives exactly one diagnostic, `code`, on the line of `at`.
fn assert_only(text: &str, code: &str, at: &str, exit: i32) {
    let (status, diags) = check_text(text);
    assert_eq!(codes(&diags), vec![(code.to_string(), line_of(text, at))], "{diags:#?}");
    assert_eq!(status, exit);
}

#[test]
fn minimal_plan_is_clean() {
    let (status, diags) = check_text(&minimal());
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(status, 0);
}

#[test]
fn errors_on_toml_syntax() {
    let text = edit(&minimal(), "place = \"Sơn La\"", "place = \"Sơn La");
    let (status, diags) = check_text(&text);
    assert_eq!(diags[0]["code"], "toml-syntax");
    assert_eq!(diags[0]["line"], line_of(&text, "place ="));
    assert_eq!(status, 1);
}

#[test]
fn errors_on_unknown_key_and_suggests_the_right_one() {
    let text = edit(&minimal(), "lead = \"ldtbxh\"", "leed = \"ldtbxh\"");
    assert_only(&text, "unknown-key", "leed =", 1);
    let (_, diags) = check_text(&text);
    assert!(diags[0]["notes"][0].as_str().unwrap().contains("`lead`"), "{diags:#?}");
}

#[test]
fn reports_every_bad_key_of_a_file_in_one_run() {
    // Three typos, wrong types on an optional and a required key and in a list, in
    // four tables: all six at their lines, not one per run, and the required key
    // taken out for its type is not said to be missing as well.
    let text = edit(&minimal(), "lead = \"ldtbxh\"", "leed = \"ldtbxh\"");
    let text = edit(&text, "abbr = \"UBND\"", "abr = \"UBND\"");
    let text = edit(&text, "number = 5", "number = \"năm\"");
    // A required key of the wrong type in the first table: the tables after it are read too.
    let text = edit(&text, "summary = \"Thực hiện công tác trẻ em năm 2023\"", "summary = 2023");
    let text = edit(&text, "support = [\"gddt\"]", "support = [\"gddt\", 7]");
    let text = edit(&text, "title = \"Mục tiêu\"", "titel = \"Mục tiêu\"");
    let (status, diags) = check_text(&text);
    let mut found = codes(&diags);
    found.sort();
    let mut want = vec![
        ("unknown-key".to_string(), line_of(&text, "leed =")),
        ("unknown-key".to_string(), line_of(&text, "abr =")),
        ("wrong-type".to_string(), line_of(&text, "number =")),
        ("wrong-type".to_string(), line_of(&text, "summary =")),
        ("wrong-type".to_string(), line_of(&text, "support =")),
        ("unknown-key".to_string(), line_of(&text, "titel =")),
    ];
    want.sort();
    assert_eq!(found, want, "{diags:#?}");
    assert_eq!(status, 1);
    // A key that is missing is still said, after the bad ones before it.
    let text = edit(&text, "name = \"Nguyễn Văn A\"\n", "");
    let (_, diags) = check_text(&text);
    assert!(diags.iter().any(|d| d["code"] == "missing-key"), "{diags:#?}");
    assert_eq!(diags.iter().filter(|d| d["code"] == "unknown-key").count(), 3, "{diags:#?}");
}

#[test]
fn a_remove_flag_that_is_not_true_or_false_is_a_wrong_type() {
    let text = edit(
        &minimal(),
        "gddt = { name = \"Sở Giáo dục và Đào tạo\" }",
        "gddt = { name = \"Sở Giáo dục và Đào tạo\", remove = \"có\" }",
    );
    assert_only(&text, "wrong-type", "remove = \"có\"", 1);
    let (_, diags) = check_text(&text);
    assert!(diags[0]["message"].as_str().unwrap().contains("true hoặc false"), "{diags:#?}");
}

/// A target left with its unit and no number (a field emptied in the form) would
/// print "… đạt." with nothing after it.
#[test]
fn a_target_without_a_number_is_a_blank_field() {
    let text = edit(
        &minimal(),
        "target = { unit = \"%\", milestones = { 2024 = 90, 2025 = 95 } }",
        "target = { unit = \"%\" }",
    );
    assert_only(&text, "blank-field", "target = ", 1);
    let (_, diags) = check_text(&text);
    assert!(diags[0]["message"].as_str().unwrap().contains("giá trị mục tiêu"), "{diags:#?}");
}

#[test]
fn errors_on_missing_key() {
    let text = edit(&minimal(), "name = \"Nguyễn Văn A\"\n", "");
    let (status, diags) = check_text(&text);
    assert_eq!(diags[0]["code"], "missing-key");
    assert!(diags[0]["message"].as_str().unwrap().contains("`name`"));
    // Said by the name a clerk knows it by, from the table it is missing from.
    assert!(diags[0]["message"].as_str().unwrap().contains("họ tên người ký"), "{diags:#?}");
    assert_eq!(status, 1);
}

#[test]
fn errors_on_wrong_type() {
    let text = edit(&minimal(), "number = 5", "number = \"năm\"");
    assert_only(&text, "wrong-type", "number = ", 1);
}

#[test]
fn a_document_number_zero_is_invalid() {
    let text = edit(&minimal(), "number = 5", "number = 0");
    assert_only(&text, "invalid-value", "number = 0", 1);
}

#[test]
fn errors_on_invalid_value_and_lists_the_valid_ones() {
    let text = edit(&minimal(), "kind = \"ke-hoach\"", "kind = \"ke-hoachh\"");
    assert_only(&text, "invalid-value", "kind = ", 1);
    let (_, diags) = check_text(&text);
    assert!(diags[0]["notes"][0].as_str().unwrap().contains("`ke-hoach`"));
}

#[test]
fn errors_on_duplicate_id() {
    let text = edit(&minimal(), "id = \"noi-dung\"", "id = \"bao-ve\"");
    // Objectives and sections have separate id spaces; indicators clash with indicators.
    assert!(check_text(&text).1.is_empty());
    let text = minimal().replacen(
        "[[sections]]",
        "[[objectives.indicators]]\nid = \"khai-sinh\"\ntext = \"Lần hai\"\nlead = \"ldtbxh\"\n\n[[sections]]",
        1,
    );
    assert_only(&text, "id-duplicate", "id = \"khai-sinh\"\ntext = \"Lần hai\"", 1);
    // The parts of one compound indicator, too (a district overrides a part by its id).
    let parts = "[[objectives.indicators]]\nid = \"hai-phan\"\ntext = \"\"\nlead = \"ldtbxh\"\n\n\
                 [[objectives.indicators.parts]]\nid = \"phan\"\ntext = \"giảm tỷ lệ A\"\ntarget = { value = 1 }\n\n\
                 [[objectives.indicators.parts]]\nid = \"phan\"\ntext = \"giảm tỷ lệ B\"\ntarget = { value = 2 }\n\n\
                 [[sections]]";
    let text = minimal().replacen("[[sections]]", parts, 1);
    assert_only(&text, "id-duplicate", "id = \"phan\"\ntext = \"giảm tỷ lệ B\"", 1);
}

#[test]
fn errors_on_missing_lead() {
    let text = edit(&minimal(), "lead = \"ldtbxh\"\n", "");
    assert_only(&text, "lead-missing", "id = \"khai-sinh\"", 1);
}

#[test]
fn errors_on_unknown_agency_and_suggests_one() {
    let text = edit(&minimal(), "lead = \"ldtbxh\"", "lead = \"ldtbx\"");
    assert_only(&text, "lead-unknown", "lead = \"ldtbx\"", 1);
    let (_, diags) = check_text(&text);
    assert!(diags[0]["notes"][0].as_str().unwrap().contains("`ldtbxh`"));
    let text = edit(&minimal(), "agency = \"gddt\"", "agency = \"so-y-te\"");
    assert_only(&text, "lead-unknown", "agency = \"so-y-te\"", 1);
}

#[test]
fn warns_on_shared_lead() {
    let text = edit(&minimal(), "lead = \"ldtbxh\"", "lead = [\"ldtbxh\", \"gddt\"]");
    assert_only(&text, "lead-shared", "lead = [", 0);
}

#[test]
fn warns_on_idle_agency() {
    let text = edit(&minimal(), "[agencies]\n", "[agencies]\nyte = { name = \"Sở Y tế\" }\n");
    assert_only(&text, "agency-idle", "yte = {", 0);
}

#[test]
fn errors_when_budget_does_not_add_up() {
    let text = edit(&minimal(), "amount = 4_000_000_000", "amount = 4_500_000_000");
    assert_only(&text, "budget-sum", "total = 18_680_000_000", 1);
    let (_, diags) = check_text(&text);
    assert!(diags[0]["message"].as_str().unwrap().contains("19.180.000.000"));
}

#[test]
fn errors_on_impossible_dates() {
    for bad in ["2021-12-34", "2023-02-30", "2023-13-01"] {
        let text = edit(&minimal(), "date = 2023-04-03", &format!("date = {bad}"));
        assert_only(&text, "date-invalid", "date = ", 1);
    }
    let text = edit(&minimal(), "date = 2023-04-03", "date = 2023-04-03T08:00:00");
    assert_only(&text, "date-invalid", "date = ", 1);
    // A year no administrative document has: a typo, not a date to print.
    let text = edit(&minimal(), "date = 2023-04-03", "date = 0023-04-03");
    assert_only(&text, "date-invalid", "date = ", 1);
    let text = edit(&minimal(), "period = [2023, 2025]", "period = [-5, 2025]");
    let (_, diags) = check_text(&text);
    assert!(diags.iter().any(|d| d["code"] == "date-invalid" && d["line"] == line_of(&text, "period =")), "{diags:#?}");
}

/// `{target}` is the one placeholder: a typo would print with its braces.
#[test]
fn warns_on_an_unknown_placeholder() {
    let text = edit(
        &minimal(),
        "text = \"Tỷ lệ trẻ em được đăng ký khai sinh\"",
        "text = \"Tỷ lệ trẻ em được đăng ký khai sinh đạt {taget}\"",
    );
    assert_only(&text, "placeholder-unknown", "text = \"Tỷ lệ trẻ em được đăng ký khai sinh đạt", 0);
    let (_, diags) = check_text(&text);
    assert!(diags[0]["notes"].to_string().contains("{target}"), "{diags:#?}");
}

/// A target with a value and milestones prints the milestones only: the value would be lost.
#[test]
fn errors_on_a_target_with_value_and_milestones() {
    let text =
        edit(&minimal(), "target = { unit = \"%\", milestones", "target = { value = 80, unit = \"%\", milestones");
    assert_only(&text, "target-range", "target = { value = 80", 1);
}

#[test]
fn errors_on_deadline_outside_the_period() {
    let text = edit(&minimal(), "before = 2023-11-05", "before = 2026-11-05");
    assert_only(&text, "date-invalid", "before = 2026", 1);
    // Before the plan is issued (03/4/2023), though inside its period.
    let text = edit(&minimal(), "before = 2023-11-05", "before = 2023-01-05");
    assert_only(&text, "date-invalid", "before = 2023-01-05", 1);
}

#[test]
fn errors_on_milestone_outside_the_period() {
    let text = edit(&minimal(), "2025 = 95", "2030 = 95");
    assert_only(&text, "milestone-outside", "milestones", 1);
    // The caret is on the year, not on its value.
    let (_, diags) = check_text(&text);
    let line = text.lines().find(|l| l.contains("2030 = 95")).unwrap();
    let column = line[..line.find("2030 = 95").unwrap()].chars().count() + 1;
    assert_eq!(
        (diags[0]["column"].as_u64(), diags[0]["labels"][0]["end_column"].as_u64()),
        (Some(column as u64), Some(column as u64 + 4))
    );
}

#[test]
fn errors_on_numbering_gap() {
    let text = edit(&minimal(), "# 2. Kiểm tra", "# 3. Kiểm tra");
    assert_only(&text, "numbering-gap", "# 3. Kiểm tra", 1);
}

#[test]
fn warns_on_citation_conflict() {
    let text = edit(
        &minimal(),
        "closing = \"Trên đây là Kế hoạch\"",
        "closing = \"Trên đây là Kế hoạch thực hiện Công văn số 636/LĐTBXH-TE ngày 28/3/2023\"",
    );
    assert_only(&text, "citation-conflict", "closing =", 0);
}

#[test]
fn errors_on_malformed_signature() {
    let text = edit(&minimal(), "authority = \"KT\"", "authority = \"K.T\"");
    assert_only(&text, "signature-form", "authority =", 1);
    let text = edit(&minimal(), "head = \"Chủ tịch\"\n", "");
    assert_only(&text, "signature-form", "authority =", 1);
    let text = edit(&minimal(), "title = \"Phó Chủ tịch\"", "title = \"Chủ tịch\"");
    assert_only(&text, "signature-form", "title = \"Chủ tịch\"", 1);
    let text = edit(&minimal(), "name = \"Ủy ban nhân dân tỉnh Sơn La\"", "name = \"Sở Y tế tỉnh Sơn La\"");
    assert_only(&text, "signature-form", "collective =", 1);
}

#[test]
fn warns_on_missing_archive_line() {
    let text = edit(&minimal(), "archive = [\"VT\", \"KGVX\"]", "archive = []");
    assert_only(&text, "recipients-archive", "to = [\"Bộ", 0);
    let text = edit(&minimal(), "archive = [\"VT\", \"KGVX\"]", "archive = [\"KGVX\"]");
    assert_only(&text, "recipients-archive", "archive =", 0);
}

#[test]
fn final_plan_without_number_fails_check_as_render_refuses_it() {
    let text = edit(&minimal(), "number = 5\n", "");
    // `check` and `render` agree: a final document without its number is refused.
    assert_only(&text, "issue-blank", "kind =", 1);
    let (_d, path) = plan_file("plan.toml", &text);
    assert_eq!(render(&path, &[]).1, 1);
    let draft = edit(&text, "kind = \"ke-hoach\"", "kind = \"ke-hoach\"\nstatus = \"draft\"");
    assert!(check_text(&draft).1.is_empty());
}

#[test]
fn reports_every_problem_not_just_the_first() {
    let text = edit(&minimal(), "lead = \"ldtbxh\"", "lead = \"ldtbx\"");
    let text = edit(&text, "amount = 4_000_000_000", "amount = 1");
    let text = edit(&text, "archive = [\"VT\", \"KGVX\"]", "archive = []");
    let found: Vec<String> = codes(&check_text(&text).1).into_iter().map(|c| c.0).collect();
    assert_eq!(found, ["lead-unknown", "budget-sum", "recipients-archive"]);
}

#[test]
fn speaks_english_with_lang_en() {
    let text = edit(&minimal(), "lead = \"ldtbxh\"\n", "");
    let (_dir, path) = plan_file("p.toml", &text);
    let vi = kehoach(&["check", path.to_str().unwrap()]);
    let en = kehoach(&["--lang", "en", "check", path.to_str().unwrap()]);
    let vi = String::from_utf8_lossy(&vi.stdout);
    let en = String::from_utf8_lossy(&en.stdout);
    assert!(vi.contains("chưa có cơ quan chủ trì"), "{vi}");
    assert!(en.contains("has no lead agency"), "{en}");
    assert!(en.contains("error[lead-missing]") && en.contains("p.toml:"), "{en}");
}

#[test]
fn sample_plans_have_no_errors() {
    let (status, diags) = check_path(&root().join("plans"));
    let errors: Vec<_> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(status, 0);
    // The real defects of the sources are reported as warnings.
    let has = |file: &str, code: &str| {
        diags.iter().any(|d| d["code"] == code && d["file"].as_str().unwrap_or("").ends_with(file))
    };
    assert!(has("quang-ninh-2024-ct28.toml", "citation-conflict"));
    assert!(has("son-la-2023-kh93.toml", "lead-shared"));
}

/// The edits a reviewer makes to a real sample give the right code, line and status.
#[test]
fn edited_samples_give_the_right_code_and_line() {
    let son_la = read("plans/son-la-2023-kh93.toml");
    let first_lead = son_la.lines().find(|l| l.starts_with("lead = \"")).unwrap().to_string();
    let text = son_la.replacen(&format!("{first_lead}\n"), "", 1);
    let (status, diags) = check_text(&text);
    assert!(codes(&diags).iter().any(|c| c.0 == "lead-missing"), "{diags:#?}");
    assert_eq!(status, 1);

    let text = son_la.replacen(&first_lead, "lead = \"so-khong-co\"", 1);
    let (status, diags) = check_text(&text);
    assert!(codes(&diags).contains(&("lead-unknown".into(), line_of(&text, "lead = \"so-khong-co\""))));
    assert_eq!(status, 1);

    let text = edit(&son_la, "date = 2023-04-03", "date = 2021-12-34");
    let (status, diags) = check_text(&text);
    assert_eq!(codes(&diags), vec![("date-invalid".into(), line_of(&text, "date = 2021-12-34"))]);
    assert_eq!(status, 1);

    let vinh_long = read("plans/vinh-long-2021-2030-qd.toml");
    let text = edit(&vinh_long, "14_680_000_000", "14_600_000_000");
    let (status, diags) = check_text(&text);
    assert!(codes(&diags).contains(&("budget-sum".into(), line_of(&text, "total = 18_680_000_000"))));
    assert_eq!(status, 1);
}

/// Truncating a real plan anywhere gives diagnostics, never a panic.
#[test]
fn never_panics_on_truncated_or_mangled_input() {
    let son_la = read("plans/son-la-2023-kh93.toml");
    let cuts: Vec<usize> = (0..son_la.len()).step_by(997).filter(|i| son_la.is_char_boundary(*i)).collect();
    for cut in cuts {
        let (status, _) = check_text(&son_la[..cut]);
        assert!(status == 0 || status == 1, "cut at {cut}: exit {status}");
    }
    for junk in ["", "\u{0}\u{1}", "[[[", "document = 5", "[document]\nkind = 1e999", "a = \"\\uD800\""] {
        let (status, _) = check_text(junk);
        assert_eq!(status, 1, "{junk:?}");
    }
}

#[test]
fn decomposed_input_is_normalised() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = minimal().nfd().collect();
    assert!(check_text(&nfd).1.is_empty());
}

#[test]
fn explains_a_plan_key_written_inside_a_table() {
    let text = edit(&minimal(), "closing = \"Trên đây là Kế hoạch\"\n", "");
    let text = text.replace("abbr = \"UBND\"\n", "abbr = \"UBND\"\nclosing = \"Trên đây\"\n");
    assert_only(&text, "unknown-key", "closing =", 1);
    let (_, diags) = check_text(&text);
    assert!(diags[0]["notes"][0].as_str().unwrap().contains("đầu tệp"), "{diags:#?}");
}

#[test]
fn warns_when_written_content_is_not_printed() {
    let text = edit(&minimal(), "content = \"duties\"\n", "");
    assert_only(&text, "content-unplaced", "agency = \"gddt\"", 0);
}

#[test]
fn odd_spaces_and_letters_in_citations_do_not_panic() {
    for odd in [
        "Công văn số\u{a0}636/LĐTBXH-TE ngày 28/3/2023",
        "\\u212Aế hoạch số 93/KH-UBND ngày 03/4/2023",
        "số 1A ngày 32/13/2023",
    ] {
        let text = edit(&minimal(), "closing = \"Trên đây là Kế hoạch\"", &format!("closing = \"Trên đây là {odd}\""));
        let (status, _) = check_text(&text);
        assert!(status == 0 || status == 1, "{odd}");
    }
}

#[test]
fn errors_on_a_cited_date_that_is_no_day() {
    for (written, shown) in
        [("28/02/2023", None), ("3456/12/2021", Some("3456/12/2021")), ("31/02/2021", Some("31/02/2021"))]
    {
        let text = edit(&minimal(), "ngày 28/02/2023 của Bộ", &format!("ngày {written} của Bộ"));
        let (_, diags) = check_text(&text);
        let found: Vec<&str> =
            diags.iter().filter(|d| d["code"] == "citation-date").filter_map(|d| d["message"].as_str()).collect();
        match shown {
            None => assert!(found.is_empty(), "{found:?}"),
            Some(date) => {
                assert_only(&text, "citation-date", "bases =", 1);
                assert!(found[0].contains(date) && found[0].contains("636/LĐTBXH-TE"), "{found:?}");
            }
        }
    }
    // "số:" is a citation too: its date conflicts are seen.
    let text = edit(
        &minimal(),
        "closing = \"Trên đây là Kế hoạch\"",
        "closing = \"Trên đây là Kế hoạch thực hiện Công văn số: 636/LĐTBXH-TE ngày 28/3/2023\"",
    );
    assert_only(&text, "citation-conflict", "closing =", 0);
}

#[test]
fn warns_on_a_recipient_listed_twice() {
    let text =
        edit(&minimal(), "to = [\"Bộ Lao động - TBXH\"]", "to = [\"Bộ Lao động - TBXH\", \"- bộ lao động - TBXH;\"]");
    assert_only(&text, "recipient-duplicate", "to = [\"Bộ", 0);
    let text = edit(&minimal(), "to = [\"Bộ Lao động - TBXH\"]", "to = [\"Bộ Lao động - TBXH\", \"Sở Y tế\"]");
    let (_, diags) = check_text(&text);
    assert!(diags.is_empty(), "{diags:#?}");
    // A decision's first line "- Như Điều N;" is generated: typing it again is a duplicate.
    let plan = read("plans/vinh-long-2021-2030-qd.toml");
    let to = plan.lines().find(|l| l.starts_with("to = [")).expect("recipients").to_string();
    let typed = to.replacen("to = [", "to = [\"Như Điều 3\", ", 1);
    let (_, diags) = check_text(&edit(&plan, &to, &typed));
    let dup: Vec<_> = diags.iter().filter(|d| d["code"] == "recipient-duplicate").collect();
    assert_eq!(dup.len(), 1, "{diags:#?}");
}

#[test]
fn errors_on_a_malformed_document_code() {
    let with_code = |code: &str| edit(&minimal(), "number = 5\n", &format!("number = 5\ncode = \"{code}\"\n"));
    let (_, diags) = check_text(&with_code("KH-UBND"));
    assert!(diags.is_empty(), "{diags:#?}");
    for bad in ["QĐ-UBND", "KH - UBND", "KH--UBND"] {
        assert_only(&with_code(bad), "code-form", "code =", 1);
    }
}

/// "Uỷ ban" (old style) in the issuer and "Ủy ban" in the TM. line are one body.
#[test]
fn old_and_new_tone_placement_name_the_same_body() {
    let text = edit(&minimal(), "name = \"Ủy ban nhân dân tỉnh Sơn La\"", "name = \"Uỷ ban nhân dân tỉnh Sơn La\"");
    let (_, diags) = check_text(&text);
    assert!(diags.is_empty(), "{diags:#?}");
}

/// A decision of the Chủ tịch is signed KT. CHỦ TỊCH, never TM. of the Ủy ban; a
/// decision of the Ủy ban is signed TM.
#[test]
fn errors_on_a_decision_signed_for_the_wrong_authority() {
    let plan = read("plans/vinh-long-2021-2030-qd.toml");
    let (_, diags) = check_text(&plan);
    assert!(!diags.iter().any(|d| d["code"] == "signature-form"), "{diags:#?}");
    let tm = edit(&plan, "[signature]\n", "[signature]\ncollective = \"Ủy ban nhân dân\"\n");
    let (status, diags) = check_text(&tm);
    let form: Vec<_> = diags.iter().filter(|d| d["code"] == "signature-form").collect();
    assert_eq!(form.len(), 1, "{diags:#?}");
    assert_eq!(form[0]["line"], line_of(&tm, "collective = \"Ủy ban nhân dân\""));
    assert_eq!(status, 1);
    let body = edit(
        &plan,
        "authority = \"Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long\"",
        "authority = \"Ủy ban nhân dân tỉnh Vĩnh Long\"",
    );
    let (_, diags) = check_text(&body);
    let form: Vec<_> = diags.iter().filter(|d| d["code"] == "signature-form").collect();
    assert_eq!(form.len(), 1, "{diags:#?}");
    assert_eq!(form[0]["line"], line_of(&body, "authority = \"Ủy ban nhân dân tỉnh Vĩnh Long\""));
}

#[test]
fn a_plan_without_parts_and_a_decision_that_issues_nothing() {
    // Every [[sections]] table of the minimal plan removed.
    let minimal = minimal();
    let first = minimal.find("[[sections]]").unwrap();
    let budget = minimal.find("[budget]").unwrap();
    let outline = format!("{}{}", &minimal[..first], &minimal[budget..]);
    let (status, diags) = check_text(&outline);
    assert!(codes(&diags).contains(&("parts-missing".to_string(), line_of(&outline, "kind ="))), "{diags:#?}");
    assert_eq!(status, 1, "a final document needs its parts");
    let draft = edit(&outline, "kind = \"ke-hoach\"", "kind = \"ke-hoach\"\nstatus = \"draft\"");
    let (_, diags) = check_text(&draft);
    assert!(diags.iter().any(|d| d["code"] == "parts-missing" && d["severity"] == "warning"), "{diags:#?}");

    let plan = read("plans/vinh-long-2021-2030-qd.toml");
    let article = "Ban hành kèm theo Quyết định này Kế hoạch";
    assert!(plan.contains(article));
    let (_, diags) = check_text(&plan);
    assert!(!diags.iter().any(|d| d["code"] == "decision-article"));
    let text = edit(&plan, article, "Giao các sở thực hiện Kế hoạch");
    let (status, diags) = check_text(&text);
    let found: Vec<_> = codes(&diags).into_iter().filter(|c| c.0 == "decision-article").collect();
    assert_eq!(found, [("decision-article".to_string(), line_of(&text, "Giao các sở thực hiện Kế hoạch"))]);
    assert_eq!(status, 1);
}

/// Text pasted from a TCVN3 or VNI file is caught, not printed; a file saved in a
/// legacy encoding is refused with the encoding's name and how to convert it.
#[test]
fn legacy_encodings_are_named() {
    for (pasted, encoding) in [("Uû ban nh©n d©n tØnh Sơn La", "TCVN3"), ("UÛY BAN NHAÂN DAÂN TÆNH", "VNI")] {
        let text =
            edit(&minimal(), "summary = \"Thực hiện công tác trẻ em năm 2023\"", &format!("summary = \"{pasted}\""));
        assert_only(&text, "text-encoding", "summary =", 1);
        let (_, diags) = check_text(&text);
        assert!(diags[0]["message"].as_str().unwrap().contains(encoding), "{diags:#?}");
    }
    // TCVN3 whose tone letters ("Ö" ệ, "ë" ở, "Î" ẻ) are also VNI's marks: named
    // TCVN3 all the same, so the converter the hint names gives the right text.
    let text = edit(
        &minimal(),
        "summary = \"Thực hiện công tác trẻ em năm 2023\"",
        "summary = \"Hoµn thiÖn c¬ së d÷ liÖu vÒ trÎ em\"",
    );
    let (_, diags) = check_text(&text);
    let message = diags[0]["message"].as_str().unwrap();
    assert!(message.contains("TCVN3") && message.contains("Hoµn"), "{diags:#?}");
    // An agency's name is printed in the duties and the table: looked at too.
    for pasted in ["Së Gi¸o dôc vµ §µo t¹o", "Sôû Giaùo duïc vaø Ñaøo taïo"] {
        let text = edit(&minimal(), "name = \"Sở Giáo dục và Đào tạo\"", &format!("name = \"{pasted}\""));
        assert_only(&text, "text-encoding", pasted, 1);
    }
    // An issuer pasted in TCVN3 is one error, not a signature error too.
    let text = edit(&minimal(), "name = \"Ủy ban nhân dân tỉnh Sơn La\"", "name = \"Uû ban nh©n d©n tØnh S¬n La\"");
    let (_, diags) = check_text(&text);
    assert!(!diags.iter().any(|d| d["code"] == "signature-form"), "{diags:#?}");
    // A whole file in TCVN3: its bytes are not UTF-8.
    let ascii: String = minimal().chars().filter(char::is_ascii).collect();
    let mut bytes = ascii.replace("name = \"y ban nhn dn tnh Sn La\"", "name = \"@@\"").into_bytes();
    let at = bytes.windows(2).position(|w| w == b"@@").expect("issuer line");
    bytes.splice(at..at + 2, b"Uy ban nh\xa9n d\xa9n t\xd8nh S\xac n La".iter().copied());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tcvn3.toml");
    std::fs::write(&path, bytes).unwrap();
    let out = kehoach(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("TCVN3 (ABC)") && stderr.contains("UniKey"), "{stderr}");
}

/// A source's issue date that is no date is kept as written: flagged, printed in a
/// draft, and a final document cannot be issued with it.
#[test]
fn a_date_kept_as_the_source_wrote_it() {
    let text = edit(&minimal(), "date = 2023-04-03", "date = \"3456/12/2021\"");
    assert_only(&text, "date-invalid", "date = \"3456", 1);
    let (_, diags) = check_text(&text);
    assert!(diags[0]["message"].as_str().unwrap().contains("3456/12/2021"), "{diags:#?}");
    let (_d, path) = plan_file("plan.toml", &text);
    assert_eq!(render(&path, &[]).1, 1, "a final document is refused");
    let (dir, status, out) = render(&path, &["--draft", "--to", "docx"]);
    assert_eq!(status, 0, "{out}");
    let paragraphs = docx_paragraphs(&docx_part(&dir.path().join("plan.docx"), "word/document.xml"));
    assert!(paragraphs.iter().any(|p| p == "Sơn La, ngày 3456/12/2021"), "{paragraphs:#?}");
    // Other types are still a clear type error.
    let (status, diags) = check_text(&edit(&minimal(), "date = 2023-04-03", "date = 42"));
    assert_eq!(status, 1);
    assert!(diags.iter().any(|d| d["code"] == "wrong-type" || d["code"] == "invalid-value"), "{diags:#?}");
}

/// A line break in a field printed on one line is said, where it is; printed, it
/// is one space: never two words glued, never a double space.
#[test]
fn a_line_break_in_a_one_line_field_is_located() {
    let text = edit(
        &minimal(),
        "summary = \"Thực hiện công tác trẻ em năm 2023\"",
        "summary = \"\"\"Thực hiện công tác trẻ em \nnăm 2023\"\"\"",
    );
    assert_only(&text, "line-break", "summary =", 0);
    let (_d, path) = plan_file("plan.toml", &text);
    let (dir, status, out) = render(&path, &["--to", "docx"]);
    assert_eq!(status, 0, "{out}");
    let paragraphs = docx_paragraphs(&docx_part(&dir.path().join("plan.docx"), "word/document.xml"));
    assert!(paragraphs.iter().any(|p| p == "Thực hiện công tác trẻ em năm 2023"), "{paragraphs:#?}");
}

#[test]
fn errors_on_a_reference_to_an_appendix_the_plan_lacks() {
    let text = edit(&minimal(), "- Kiểm tra, giám sát.", "- Kiểm tra, giám sát (chi tiết tại Phụ lục II).");
    let (status, diags) = check_text(&text);
    let found: Vec<_> = codes(&diags).into_iter().filter(|c| c.0 == "appendix-missing").collect();
    assert_eq!(found.len(), 1, "{diags:#?}");
    assert_eq!(status, 1);
    let one = edit(&text, "Phụ lục II", "Phụ lục I");
    let with_appendix = format!("{one}\n[appendix]\ntitle = \"Các chỉ tiêu\"\n");
    let (_, diags) = check_text(&with_appendix);
    assert!(!diags.iter().any(|d| d["code"] == "appendix-missing"), "{diags:#?}");
}

/// A footnote on an indicator (`hộ nghèo[^1]`, its note in a part's text) is printed
/// as a footnote; a reference with no note, and a note nothing refers to, are said
/// where they are written.
#[test]
fn footnotes_on_indicators_are_notes_and_unmatched_ones_are_found() {
    let text = edit(&minimal(), "Tỷ lệ trẻ em được đăng ký khai sinh", "Tỷ lệ trẻ em được đăng ký khai sinh[^1]");
    let text = edit(&text, "- Kiểm tra, giám sát.", "- Kiểm tra, giám sát.\n\n[^1]: Theo Luật Hộ tịch năm 2014.");
    let (status, diags) = check_text(&text);
    assert!(!diags.iter().any(|d| d["code"].as_str().unwrap_or("").starts_with("footnote")), "{diags:#?}");
    assert_eq!(status, 0, "{diags:#?}");
    let (_d, path) = plan_file("plan.toml", &text);
    let (dir, status, out) = render(&path, &["--to", "docx"]);
    assert_eq!(status, 0, "{out}");
    let document = docx_part(&dir.path().join("plan.docx"), "word/document.xml");
    assert!(document.contains("w:footnoteReference") && !document.contains("[^1]"), "{document}");
    let notes = docx_part(&dir.path().join("plan.docx"), "word/footnotes.xml");
    assert!(notes.contains("Theo Luật Hộ tịch năm 2014"), "{notes}");

    let wrong = edit(&text, "khai sinh[^1]", "khai sinh[^2]");
    let (status, diags) = check_text(&wrong);
    assert_eq!(status, 1);
    let mut found = codes(&diags);
    found.sort();
    let want = vec![
        ("footnote-missing".to_string(), line_of(&wrong, "khai sinh[^2]")),
        ("footnote-unused".to_string(), line_of(&wrong, "[^1]: Theo")),
    ];
    assert_eq!(found, want, "{diags:#?}");
}

/// Slips a drafter makes that print wrong (a second QA round on new plans): points
/// that start at "b)", a share above 100%, "Như mục III" when the duties are in IV.
#[test]
fn points_from_b_shares_over_100_and_the_wrong_part_in_recipients_are_found() {
    let text = edit(&minimal(), "- Tổ chức tuyên truyền.", "b) Tổ chức tuyên truyền.\n\nc) Tổ chức hội nghị.");
    assert_only(&text, "numbering-gap", "b) Tổ chức tuyên truyền.", 1);
    let text = edit(&minimal(), "milestones = { 2024 = 90, 2025 = 95 }", "milestones = { 2024 = 90, 2025 = 120 }");
    assert_only(&text, "target-range", "milestones = { 2024 = 90, 2025 = 120 }", 1);
    // Growth over a year before may pass 100%.
    let growth = edit(&text, "được đăng ký khai sinh", "được đăng ký khai sinh so với năm 2022");
    assert!(!check_text(&growth).1.iter().any(|d| d["code"] == "target-range"));
    let text = edit(&minimal(), "to = [\"Bộ Lao động - TBXH\"]", "to = [\"Bộ Lao động - TBXH\", \"Như mục III\"]");
    assert_only(&text, "recipient-reference", "to = [", 0);
    let right = edit(&text, "Như mục III", "Như mục IV");
    assert!(check_text(&right).1.is_empty());
}

/// "giai đoạn 2023 - 2024, tầm nhìn đến năm 2025": milestones may run to the vision year.
#[test]
fn a_vision_year_extends_the_milestones_period() {
    let text = edit(&minimal(), "period = [2023, 2025]", "period = [2023, 2024]");
    assert_only(&text, "milestone-outside", "target = { unit", 1);
    let vision = edit(&text, "period = [2023, 2024]", "period = [2023, 2024]\nvision = 2025");
    let (_, diags) = check_text(&vision);
    assert!(diags.is_empty(), "{diags:#?}");
}

/// A plan dated after the 2025 reorganisation that gives work to a body that no
/// longer exists is warned; the same plan dated before is not.
#[test]
fn a_body_that_no_longer_exists_is_warned_after_2025() {
    let dated = |date: &str| edit(&minimal(), "date = 2023-04-03", &format!("date = {date}"));
    let (_, diags) = check_text(&dated("2023-04-03"));
    assert!(!diags.iter().any(|d| d["code"] == "body-gone"), "{diags:#?}");
    let text = edit(&dated("2026-02-10"), "period = [2023, 2025]", "period = [2026, 2026]");
    let text = edit(&text, "milestones = { 2024 = 90, 2025 = 95 }", "milestones = { 2026 = 95 }");
    let text = edit(&text, "before = 2023-11-05", "before = 2026-11-05");
    // The recipient "Bộ Lao động - TBXH" is gone too, abbreviated as it is.
    let (_, diags) = check_text(&text);
    let recipient = line_of(&text, "to = [\"Bộ Lao động - TBXH\"]");
    assert!(diags.iter().any(|d| d["code"] == "body-gone" && d["line"] == recipient), "{diags:#?}");
    let text = edit(&text, "to = [\"Bộ Lao động - TBXH\"]", "to = [\"Bộ Y tế\"]");
    assert_only(&text, "body-gone", "ldtbxh = {", 0);
    let (_, diags) = check_text(&text);
    assert!(diags[0]["message"].as_str().unwrap().contains("01/3/2025"), "{diags:#?}");
    // The issuing body's parent is one of the bodies the plan names.
    let parent = edit(&text, "[issuer]\n", "[issuer]\nparent = \"Ủy ban nhân dân huyện Mai Sơn\"\n");
    let (_, diags) = check_text(&parent);
    let gone: Vec<_> = diags.iter().filter(|d| d["code"] == "body-gone").collect();
    assert_eq!(gone.len(), 2, "{diags:#?}");
    assert!(gone.iter().any(|d| d["message"].as_str().unwrap().contains("huyện Mai Sơn")), "{diags:#?}");
    // Merged departments and provinces, in the agencies and among the recipients.
    let merged = edit(
        &text,
        "ldtbxh = { name = \"Sở Lao động - Thương binh và Xã hội\" }",
        "ldtbxh = { name = \"Sở Kế hoạch và Đầu tư\" }",
    );
    let merged = edit(&merged, "to = [", "to = [\"UBND tỉnh Hà Giang\", ");
    let (_, diags) = check_text(&merged);
    let gone: Vec<String> =
        diags.iter().filter(|d| d["code"] == "body-gone").map(|d| d["labels"].to_string()).collect();
    assert_eq!(gone.len(), 2, "{diags:#?}");
    assert!(gone.iter().any(|r| r.contains("Sở Tài chính")), "{gone:#?}");
    assert!(gone.iter().any(|r| r.contains("Tuyên Quang") && r.contains("202/2025/QH15")), "{gone:#?}");
}

/// In the plan's text too: a 2026 duty that reports to the Bộ LĐTBXH or works with
/// the district is warned, once per name and where it is written; the same names in a
/// citation, or marked "(cũ)", are not.
#[test]
fn a_body_that_no_longer_exists_is_found_in_the_text() {
    let text = edit(&minimal(), "date = 2023-04-03", "date = 2026-02-10");
    let text = edit(&text, "period = [2023, 2025]", "period = [2026, 2026]");
    let text = edit(&text, "milestones = { 2024 = 90, 2025 = 95 }", "milestones = { 2026 = 95 }");
    let text = edit(&text, "before = 2023-11-05", "before = 2026-11-05");
    let text =
        edit(&text, "ldtbxh = { name = \"Sở Lao động - Thương binh và Xã hội\" }", "ldtbxh = { name = \"Sở Y tế\" }");
    let text = edit(&text, "to = [\"Bộ Lao động - TBXH\"]", "to = [\"Bộ Y tế\"]");
    let (_, diags) = check_text(&text);
    assert!(!diags.iter().any(|d| d["code"] == "body-gone"), "{diags:#?}");
    let duty =
        "- Phối hợp với Ủy ban nhân dân các huyện triển khai; báo cáo Bộ LĐTBXH kết quả, báo cáo Bộ LĐTBXH hằng năm.";
    let prose = edit(&text, "body = \"- Phối hợp thực hiện.\"", &format!("body = \"{duty}\""));
    let (_, diags) = check_text(&prose);
    let gone: Vec<&serde_json::Value> = diags.iter().filter(|d| d["code"] == "body-gone").collect();
    assert_eq!(gone.len(), 2, "{gone:#?}");
    let line = line_of(&prose, "- Phối hợp với Ủy ban");
    assert!(gone.iter().all(|d| d["line"] == line), "{gone:#?}");
    assert!(gone.iter().any(|d| d["message"].as_str().unwrap().contains("Bộ LĐTBXH")), "{gone:#?}");
    // The căn cứ line and an old name marked as such stay as written.
    let marked = edit(&text, "body = \"- Phối hợp thực hiện.\"", "body = \"- Tiếp nhận hồ sơ từ Sở LĐTBXH (cũ) theo Công văn số 5/SLĐTBXH ngày 02/01/2025 của Sở Lao động - Thương binh và Xã hội.\"");
    let (_, diags) = check_text(&marked);
    assert!(!diags.iter().any(|d| d["code"] == "body-gone"), "{diags:#?}");
}

/// A document cited with a date after the plan's own is warned: what a plan
/// implements came before it. The long form of a date that names no day is an error.
#[test]
fn citations_dated_after_the_plan_or_on_no_day() {
    let text = edit(&minimal(), "ngày 28/02/2023 của Bộ", "ngày 28/12/2023 của Bộ");
    assert_only(&text, "citation-after", "bases =", 0);
    let text = edit(&minimal(), "ngày 28/02/2023 của Bộ", "ngày 30 tháng 02 năm 2023 của Bộ");
    assert_only(&text, "citation-date", "bases =", 1);
    // Messages name the symbol as written, capitals and all.
    let text = edit(
        &minimal(),
        "closing = \"Trên đây là Kế hoạch\"",
        "closing = \"Trên đây là Kế hoạch thực hiện Công văn số 636/LĐTBXH-Te ngày 28/3/2023\"",
    );
    let (_, diags) = check_text(&text);
    assert!(diags[0]["message"].as_str().unwrap().contains("636/LĐTBXH-TE"), "{diags:#?}");
}

/// What clerks type and the parser rejects is explained in their language.
#[test]
fn typing_mistakes_are_explained_in_vietnamese() {
    let (_, diags) = check_text(&edit(&minimal(), "number = 5", "number = \"05\""));
    let notes = diags[0]["notes"].to_string();
    assert!(notes.contains("`5`") && !notes.contains("`05`"), "{diags:#?}");
    let (_, diags) = check_text(&edit(&minimal(), "number = 5", "number = -5"));
    let message = diags[0]["message"].as_str().unwrap();
    assert!(!message.contains("expected") && message.contains("-5"), "{diags:#?}");
    assert!(diags[0]["notes"].to_string().contains("từ 0 trở lên"), "{diags:#?}");
    let (_, diags) = check_text(&edit(&minimal(), "2024 = 90, 2025 = 95", "2024 = 9,0, 2025 = 95"));
    let message = diags[0]["message"].as_str().unwrap();
    assert!(message.contains("thừa dấu phẩy") && !message.contains("extra"), "{diags:#?}");
}

/// A plan saved by Notepad as "Unicode" (UTF-16 with its mark) reads as the same plan.
#[test]
fn a_utf16_plan_reads_as_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unicode.toml");
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(minimal().encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(&path, bytes).unwrap();
    let out = kehoach(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The council's standing body signs "TM. THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN" (or "HĐND")
/// for a council's plan: a collective, as the council is.
#[test]
fn the_council_s_standing_body_signs_for_it() {
    let council =
        edit(&minimal(), "name = \"Ủy ban nhân dân tỉnh Sơn La\"", "name = \"Hội đồng nhân dân tỉnh Sơn La\"");
    let council = edit(&council, "abbr = \"UBND\"", "abbr = \"HĐND\"");
    for collective in ["Thường trực Hội đồng nhân dân", "Thường trực HĐND", "Hội đồng nhân dân"]
    {
        let text = council.replace("collective = \"Ủy ban nhân dân\"", &format!("collective = \"{collective}\""));
        let (_, diags) = check_text(&text);
        assert!(!diags.iter().any(|d| d["code"] == "signature-form"), "{collective}: {diags:#?}");
    }
}
