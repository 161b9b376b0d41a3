"""Labels for the weekly meeting: notes, actions, presentation mode, the pack.

(Korean, English) pairs, joined into ui.i18n.LABELS.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "page.meeting": ("회의·조치", "Meeting & actions"),
    # presentation mode
    "present.toggle": ("발표 모드", "Presentation mode"),
    "present.prev": ("◀ 이전", "◀ Previous"), "present.next": ("다음 ▶", "Next ▶"),
    "present.exit": ("발표 종료", "Exit presentation"),
    "present.step": ("단계", "Step"),
    "present.brief": ("주간 브리핑", "Weekly brief"), "present.shortage": ("인력난", "Shortages"),
    "present.programmes": ("프로그램", "Programmes"), "present.outcomes": ("취업 성과",
                                                                     "Outcomes"),
    "present.meeting": ("조치 사항", "Open actions"),
    # meeting page
    "meeting.centre": ("회의 센터", "Centre"),
    "meeting.pick_centre": ("회의할 센터를 고르세요 (사이드바에서 센터를 고르면 바로 열립니다).",
                            "Pick the centre for the meeting (or choose a centre in the sidebar)."),
    "meeting.items": ("이번 주 메모와 조치 사항", "This week's notes and actions"),
    "meeting.none": ("이번 주 회의 기록이 없습니다. 아래에서 추가하세요.",
                     "No notes or actions for this week yet. Add one below."),
    "meeting.items_open": ("열린 조치 사항", "Open actions"),
    "meeting.none_open": ("열린 조치 사항이 없습니다. 새 조치는 아래 '메모·조치 추가'에서 "
                          "기록하세요.",
                          "No open actions. Record a new one under 'Add a note or action' "
                          "below."),
    "meeting.legend": ("이월: 지난 회의에서 넘어온 미완료 조치 · 기한 초과: 기한이 회의 주 전에 "
                       "지났는데 완료되지 않음",
                       "Carried: an open action from an earlier meeting · Overdue: due before "
                       "this meeting's week and not done"),
    "meeting.counts": ("열린 조치 {open}건 · 이월 {carried}건 · 기한 초과 {overdue}건",
                       "{open} open actions · {carried} carried over · {overdue} overdue"),
    "meeting.add": ("메모·조치 추가", "Add a note or action"),
    "meeting.edit": ("선택한 항목 수정·완료", "Edit or close an item"),
    "meeting.pick_item": ("항목", "Item"),
    "meeting.note": ("회의 메모", "Meeting note"), "meeting.action": ("조치 사항", "Action"),
    "meeting.owner": ("담당자", "Owner"), "meeting.due": ("기한", "Due"),
    "meeting.status": ("상태", "Status"), "meeting.page": ("관련 화면", "Linked page"),
    "meeting.no_page": ("(없음)", "(none)"),
    "meeting.save": ("저장", "Save"), "meeting.close": ("완료 처리", "Mark done"),
    "meeting.saved": ("저장했습니다.", "Saved."),
    "meeting.closed": ("완료 처리했습니다.", "Marked done."),
    "meeting.reload": ("최신 내용 불러오기", "Load the latest version"),
    "meeting.editing_since": ("{when} (KST) {who} 님이 저장한 내용을 고칩니다.",
                              "Editing the text {who} saved at {when} (KST)."),
    "meeting.pack": ("주간 회의 자료 내려받기", "Download the weekly pack"),
    "meeting.pack_pdf": ("PDF 자료", "PDF pack"), "meeting.pack_pptx": ("PPTX 자료", "PPTX pack"),
    "meeting.pack_xlsx": ("Excel 자료", "Excel pack"),
    "meeting.pack_onepage": ("한 장 요약 (PDF)", "One-page summary (PDF)"),
    "meeting.pack_note": ("내려받기를 누르면 자료를 만듭니다 (차트 이미지 포함, 수 초 소요).",
                          "The pack is made when you click (with chart images; a few seconds)."),
    "status.open": ("미착수", "Not started"), "status.doing": ("진행 중", "In progress"),
    "status.done": ("완료", "Done"),
    "meeting.raised": ("제기 주", "Raised in week"), "meeting.carried": ("이월", "Carried"),
    "meeting.overdue": ("기한 초과", "Overdue"), "meeting.no": ("번호", "No."),
    "meeting.updated_by": ("수정자", "Updated by"),
}

# The meeting table's headers come from LABELS (meeting.*), so no generic column names
# ("note", "status") are claimed here for every area's tables.
COLUMN_LABELS: dict[str, str] = {}
