"""Labels for data imports (데이터 관리).

(Korean, English) pairs, joined into ui.i18n.LABELS.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "page.data_admin": ("데이터 관리", "Data management"),
    "ingest.intro": ("KOSIS 통계표, 고용행정통계 Excel 내보내기, 또는 아래 템플릿으로 만든 파일을 "
                     "올리면 종류를 알아보고 검사한 뒤, 무엇이 바뀌는지 보여 줍니다. '가져오기'를 "
                     "눌러야 저장됩니다.",
                     "Upload a KOSIS table, an employment-statistics Excel export or a file made "
                     "from a template below: it is recognised, checked and previewed. Nothing is "
                     "saved until you press Import."),
    "ingest.templates": ("템플릿 내려받기", "Download a template"),
    "ingest.templates_help": ("첫 행의 열 제목을 바꾸지 말고 한 행에 한 건씩 적으세요. "
                              "'예시)'로 시작하는 둘째 행은 보기이며 가져오지 않습니다 (지워도 "
                              "됩니다). Excel 템플릿의 '설명' 시트에 열마다 형식과 예시가 "
                              "있습니다.",
                              "Keep the header row as it is and write one record per row. "
                              "Row 2, starting with '예시)', is an example and is never "
                              "imported (you may delete it). The Excel template's 설명 sheet "
                              "describes each column with an example."),
    "ingest.upload": ("파일 올리기 (CSV, XLSX, KOSIS TXT)", "Upload a file (CSV, XLSX, KOSIS TXT)"),
    "ingest.kind": ("자료 종류", "Kind of data"),
    "ingest.pick_file": ("파일 선택", "Browse files"),
    "ingest.limits": ("파일당 최대 {mb}MB · CSV, XLSX, TXT", "{mb}MB per file • CSV, XLSX, TXT"),
    "ingest.kind_auto": ("자동 인식", "Detect automatically"),
    "ingest.detected": ("인식한 종류", "Detected kind"),
    "ingest.problems": ("문제 {n}건이 있어 아무것도 저장하지 않았습니다. 고친 뒤 다시 올려 "
                        "주세요.",
                        "{n} problem(s) found; nothing was saved. Fix them and upload again."),
    "ingest.problems_all": ("전체 목록 보기 (처음 {shown}건, 전체 {n}건)",
                            "The whole list (first {shown} of {n})"),
    "ingest.strict": ("엄격 검사: 합계가 세부 행의 합과 반올림 이상 다르면 거부",
                      "Strict: refuse a total that differs from its parts beyond rounding"),
    "ingest.strict_help": ("끄면 이런 차이는 경고로만 보여 주고 가져옵니다.",
                           "Off: such differences are shown as warnings and the file imports."),
    "ingest.warnings": ("경고 {n}건: 가져올 수는 있지만 확인해 주세요.",
                        "{n} warning(s): the file can be imported, but please check."),
    "ingest.col_row": ("행", "Row"), "ingest.col_column": ("열", "Column"),
    "ingest.col_message": ("내용", "Problem (Korean)"),
    "ingest.col_english": ("English", "English"),
    "ingest.preview": ("바뀌는 내용 미리보기", "What will change"),
    "ingest.added": ("새 행", "New rows"), "ingest.updated": ("바뀌는 행", "Updated rows"),
    "ingest.unchanged": ("같은 행", "Unchanged rows"),
    "ingest.nothing": ("이미 모두 들어 있는 자료입니다. 가져와도 바뀌는 것이 없습니다.",
                       "Everything in this file is already stored; importing changes "
                       "nothing."),
    "ingest.sample": ("바뀌는 행 (처음 200행)", "Changed rows (first 200)"),
    "ingest.confirm": ("가져오기", "Import"),
    "ingest.done": ("가져왔습니다: 새 행 {added}건, 바뀐 행 {updated}건. 대시보드 화면에 바로 "
                    "반영됩니다.",
                    "Imported: {added} new and {updated} updated rows. The dashboard shows "
                    "them now."),
    "ingest.failed": ("가져오는 중 오류가 나서 아무것도 저장하지 않았습니다.",
                      "The import failed; nothing was saved."),
    "ingest.log": ("가져오기 기록", "Import log"),
    "ingest.log_empty": ("아직 가져온 파일이 없습니다.", "No file has been imported yet."),
    "ingest.freshness": ("자료별 기준일", "Freshness by source"),
    "ingest.footer": ("데이터 기준일", "Data as of"),
    "ingest.loaded": ("적재", "loaded"),
    "ingest.not_allowed": ("자료를 가져올 권한이 없습니다.", "You may not import data."),
    "ingest.official_title": ("공식 통계 시도별 미충원율", "Official unfilled rate by region"),
    "ingest.official_source": ("가져온 공식 통계 (KOSIS·고용행정통계)",
                               "Imported official statistics (KOSIS, employment statistics)"),
    "ingest.official_note": ("미충원율 = 미충원인원 ÷ 구인인원 × 100, 가져온 파일의 가장 최근 "
                             "기간. 공표된 집계라 비공개 처리를 하지 않습니다.",
                             "Unfilled rate = unfilled ÷ vacancies × 100, latest period in "
                             "the imported files. Published aggregates: not suppressed."),
    "ingest.problems_csv": ("문제 목록 전체 내려받기 (CSV)", "Download every problem (CSV)"),
    "table.labour_market_week": ("주간 노동시장", "Weekly labour market"),
    "table.enrolment": ("프로그램 참여", "Enrolments"),
    "table.jobseeker": ("구직자", "Job seekers"),
    "table.placement": ("취업", "Placements"),
    "table.intervention_event": ("채용행사·개입", "Events and interventions"),
    "table.target": ("성과 목표", "Targets"),
    "table.official_stat": ("공식 통계", "Official statistics"),
    "ingest.change": ("변경", "Change"),
    "ingest.log.imported_at": ("가져온 시각 (KST)", "Imported at (KST)"),
    "ingest.log.imported_by": ("가져온 사람", "By"),
    "ingest.log.file_name": ("파일", "File"), "ingest.log.kind": ("종류", "Kind"),
    "ingest.log.source": ("자료", "Source"), "ingest.log.rows_added": ("새 행", "Added"),
    "ingest.log.rows_updated": ("바뀐 행", "Updated"),
    "ingest.log.rows_unchanged": ("같은 행", "Unchanged"),
    "ingest.log.sha256": ("체크섬(SHA-256)", "Checksum (SHA-256)"),
    "ingest.field.region_code": ("시도 코드", "Region code"),
    "ingest.field.industry_code": ("업종 코드", "Industry code"),
    "ingest.field.period": ("기간", "Period"), "ingest.field.item": ("항목 코드", "Item"),
    "ingest.field.item_label": ("항목", "Item label"), "ingest.field.unit": ("단위", "Unit"),
    "ingest.field.period_end": ("기간 끝", "Period end"), "ingest.field.value": ("값", "Value"),
    "ingest.field.origin": ("출처", "Origin"),
    # sources (data_source.source)
    "source.labour_market": ("주간 노동시장", "Weekly labour market"),
    "source.programme": ("프로그램 참여", "Enrolments"),
    "source.jobseeker": ("구직자·취업", "Job seekers & placements"),
    "source.event": ("채용행사·개입", "Events"),
    "source.target": ("성과 목표", "Targets"),
    "source.kosis": ("KOSIS", "KOSIS"),
    "source.excel_export": ("고용행정통계", "Employment statistics"),
    # kinds
    "kind.labour_market": ("주간 노동시장 (센터 × 업종)", "Weekly labour market"),
    "kind.enrolment": ("프로그램 참여", "Enrolments"), "kind.placement": ("취업", "Placements"),
    "kind.event": ("채용행사·개입", "Events and interventions"),
    "kind.target": ("성과 목표", "Targets"),
    "kind.kosis": ("KOSIS 통계표", "KOSIS table"),
    "kind.export": ("고용행정통계 Excel", "Employment-statistics Excel export"),
}

COLUMN_LABELS: dict[str, str] = {}
