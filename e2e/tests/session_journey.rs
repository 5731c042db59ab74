//! Issue 10 in the browser, manual §6.2.10.1–§6.2.10.5: the organising unit of the demo
//! committee builds a review session — a group, the demo application in online review assigned
//! to it, three experts of 中学数学 needed, the draw (the applicant's school recused), a start
//! refused while the group has no leader, positions (leader and director), 开始评审 — prints the
//! draw record and signs the experts in; the group leader distributes the dossier to two
//! experts, one the chief, and opens the review; the chief saves a draft and completes, the
//! assistant completes; the attendance sheet shows the group's reviews done.

use anyhow::{anyhow, ensure, Context, Result};
use e2e::{choose_text, demo_experts, fill, first_id, log_out, sign_in_as, testids, Journey};
use serde_json::json;

const ORGANISER: &str = "county_hrss_unit";
const COMMITTEE: &str = "示范县中小学教师系列中级评委会";
const SESSION: &str = "2026年度第二次评审会（浏览器）";

/// Sets an input's value the way a picker does (the form reads it on submit).
async fn set_input(j: &Journey, testid: &str, value: &str) -> Result<()> {
    j.client
        .execute(
            "const [id, v] = arguments; const input = document.querySelector(`[data-testid='${id}']`);
             input.value = v; input.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(testid), json!(value)],
        )
        .await
        .with_context(|| format!("setting {testid}"))?;
    Ok(())
}

/// Answers the session's serving experts: (session expert id, login name), in the table's order.
async fn serving_experts(j: &Journey) -> Result<Vec<(i64, String)>> {
    let demo = demo_experts()?;
    let mut out = Vec::new();
    for testid in testids(
        j,
        "[data-testid='session-experts'] tr[data-testid^='expert-']",
    )
    .await?
    {
        let id: i64 = testid
            .strip_prefix("expert-")
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| anyhow!("row {testid}"))?;
        let text = j.find(&testid).await?.text().await?;
        let (username, _) = demo
            .iter()
            .find(|(_, name)| text.contains(name.as_str()))
            .ok_or_else(|| anyhow!("no demo expert in the row {text:?}"))?;
        out.push((id, username.clone()));
    }
    Ok(out)
}

/// Confirms the open confirmation (a dialog's step or a confirmation of its own) and waits
/// for the flash to say `text`.
async fn confirm_then(j: &mut Journey, text: &str) -> Result<()> {
    j.click("confirm-yes").await?;
    if let Err(e) = j.wait_text("alert-success", text).await {
        j.screenshot("refused").await?;
        return Err(e);
    }
    Ok(())
}

#[tokio::test]
async fn the_organiser_builds_a_session_and_the_experts_review() -> Result<()> {
    let mut j = Journey::start("session").await?;

    // 1. 组建评审会: the committee, year, date and name.
    sign_in_as(&j, ORGANISER).await?;
    j.open("/online/sessions").await?;
    j.click("new-session").await?;
    choose_text(&j, "input-committee_id", COMMITTEE).await?;
    fill(&j, "session-year", "2026").await?;
    let today: String = j
        .client
        .execute(
            "const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;",
            vec![],
        )
        .await?
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("no date"))?;
    set_input(&j, "session-date", &today).await?;
    fill(&j, "session-name", SESSION).await?;
    j.screenshot("new-session").await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", SESSION).await?;
    let session = e2e::row_id(&j, "row-", SESSION).await?;
    j.click(&format!("session-{session}")).await?;
    j.find("page-session").await?;
    j.wait_text("session-status", "组建中").await?;

    // 2. A group, and the demo application in online review assigned to it.
    j.click("add-group").await?;
    fill(&j, "group-name", "中学数学组").await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", "中学数学组").await?;
    let app = first_id(&j, "assign-button-").await?;
    let group = first_id(&j, "needs-").await?;
    j.click(&format!("assign-button-{app}")).await?;
    j.wait_text(&format!("group-{group}"), "中学数学").await?;

    // 3. Three experts of 中学数学 are needed; the draw, confirmed, recuses the applicant's
    //    school and keeps its record.
    fill(&j, &format!("needs-{group}"), "中学数学:3").await?;
    j.click(&format!("save-needs-{group}")).await?;
    j.wait_text("alert-success", "已保存").await?;
    j.click("draw-all").await?;
    j.find("dialog-draw").await?;
    j.screenshot("draw-dialog").await?;
    j.click("dialog-submit").await?;
    j.wait_text("confirm-message", "留存").await?;
    confirm_then(&mut j, "已抽取 3 名专家").await?;
    let draw = first_id(&j, "draw-result-").await?;
    let drawn = j.find(&format!("draw-{draw}")).await?.text().await?;
    ensure!(
        !drawn.contains("专家 #"),
        "the draw names each expert drawn: {drawn}"
    );
    // The session lists how many the draw excluded; the record (step 7) says who and why.
    let excluded = j
        .find(&format!("draw-excluded-{draw}"))
        .await?
        .text()
        .await?;
    ensure!(
        excluded.trim().parse::<u32>().is_ok_and(|n| n > 0),
        "the applicant's school's experts are excluded: {excluded}"
    );
    let experts = serving_experts(&j).await?;
    ensure!(experts.len() == 3, "three experts drawn: {experts:?}");
    j.screenshot("drawn").await?;

    // 4. 开始评审 is refused while the group has no leader: the reason stays in the dialog.
    j.click("start-session").await?;
    j.click("confirm-yes").await?;
    j.wait_text("dialog-confirm", "组长").await?;
    j.screenshot("start-refused").await?;
    j.click("confirm-no").await?;

    // 5. Positions: the first expert leads the group and directs the committee, the other two
    //    are members (three: an odd committee with one director).
    let (leader, chief, assistant) = (&experts[0], &experts[1], &experts[2]);
    e2e::choose_value(&j, &format!("position-{}", leader.0), "director").await?;
    j.click(&format!("leader-{}", leader.0)).await?;
    j.wait_text(&format!("is-leader-{}", leader.0), "组长")
        .await?;
    for (id, _) in [chief, assistant] {
        // A fresh page first: the flash of the save before (the leader's too says 已保存)
        // must not stand for this one, or the next load could cut this save short.
        j.open(&format!("/online/sessions/{session}")).await?;
        e2e::choose_value(&j, &format!("position-{id}"), "member").await?;
        j.click(&format!("save-position-{id}")).await?;
        j.wait_text("alert-success", "已保存").await?;
    }
    j.open(&format!("/online/sessions/{session}")).await?;
    for (id, position) in [
        (leader.0, "director"),
        (chief.0, "member"),
        (assistant.0, "member"),
    ] {
        e2e::wait_value(&j, &format!("position-{id}"), position).await?;
    }

    // 6. 开始评审, confirmed.
    j.click("start-session").await?;
    j.wait_text("confirm-message", "开始评审").await?;
    j.screenshot("start-confirm").await?;
    confirm_then(&mut j, "已开始评审").await?;
    j.wait_text("session-status", "评审").await?;
    j.screenshot("session-started").await?;

    // 7. The draw record prints with the experts' names and each exclusion's reason.
    j.click("draw-record-link").await?;
    j.find("page-draw-record").await?;
    let picked = j
        .find(&format!("record-result-{draw}"))
        .await?
        .text()
        .await?;
    ensure!(
        !picked.is_empty() && !picked.contains('#'),
        "the draw record names the experts drawn: {picked}"
    );
    let record = j.find(&format!("record-{draw}")).await?.text().await?;
    ensure!(
        record.contains("与申报人同单位") && !record.contains("专家 #"),
        "the applicant's school is recused and recorded, each expert by name: {record}"
    );
    j.screenshot("draw-record").await?;

    // 8. 签到: the organising unit signs the three experts in.
    j.click("back-to-session").await?;
    j.click("attendance-link").await?;
    j.find("page-attendance").await?;
    for (id, _) in &experts {
        j.click(&format!("or-sign-in-{id}")).await?;
        j.find(&format!("or-sign-out-{id}")).await?;
    }
    j.screenshot("signed-in").await?;
    log_out(&j).await?;

    // 9. The leader distributes the dossier to the chief and the assistant and enters review.
    sign_in_as(&j, &leader.1).await?;
    j.open("/online/reviews").await?;
    j.click(&format!("or-distribute-{group}")).await?;
    j.find("page-distribution").await?;
    j.click(&format!("or-pick-{app}-{}", chief.0)).await?;
    j.click(&format!("or-pick-{app}-{}", assistant.0)).await?;
    j.click(&format!("or-chief-{app}-{}", chief.0)).await?;
    j.click("or-save-distribution").await?;
    j.wait_text("or-ok", "分发已保存").await?;
    j.screenshot("distributed").await?;
    j.click("or-enter-review").await?;
    j.find("dialog-confirm").await?;
    j.click("confirm-yes").await?;
    j.find("or-started").await?;
    log_out(&j).await?;

    // 10. The chief's home counts the review waiting and leads to it; the chief saves a
    //     draft, then completes (confirmed): the form locks.
    sign_in_as(&j, &chief.1).await?;
    j.wait_text("todo-count-expert_reviews", "1").await?;
    j.screenshot("chief-home-todo").await?;
    j.click("todo-expert_reviews").await?;
    j.find("or-reviews-panel").await?;
    let review = first_id(&j, "or-review-").await?;
    j.click(&format!("or-review-{review}")).await?;
    j.find("page-expert-review").await?;
    fill(
        &j,
        "or-academic_evaluation",
        "教学业绩突出，论文与课题符合中级标准。",
    )
    .await?;
    j.click("or-save").await?;
    j.wait_text("or-ok", "已暂存").await?;
    fill(&j, "or-overall_evaluation", "同意推荐，建议通过。").await?;
    j.click("or-complete").await?;
    j.wait_text("confirm-message", "锁定").await?;
    j.screenshot("complete-confirm").await?;
    j.click("confirm-yes").await?;
    j.wait_text("or-ok", "已完成材料审查").await?;
    j.wait_text("page-expert-review", "不能再修改").await?;
    j.screenshot("chief-completed").await?;
    log_out(&j).await?;

    // 11. The assistant completes its overall evaluation.
    sign_in_as(&j, &assistant.1).await?;
    j.open("/online/reviews").await?;
    let review = first_id(&j, "or-review-").await?;
    j.click(&format!("or-review-{review}")).await?;
    fill(&j, "or-overall_evaluation", "材料齐全，同意。").await?;
    j.click("or-complete").await?;
    j.click("confirm-yes").await?;
    j.wait_text("or-ok", "已完成材料审查").await?;
    log_out(&j).await?;

    // 12. The attendance sheet shows the group's two reviews done.
    sign_in_as(&j, ORGANISER).await?;
    j.open(&format!("/online/sessions/{session}/attendance"))
        .await?;
    j.wait_text(&format!("or-group-{group}"), "2 / 2").await?;
    j.screenshot("reviews-done").await?;
    j.finish().await
}
