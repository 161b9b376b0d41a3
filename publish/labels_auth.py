"""Labels for sign-in, roles and the access log.

(Korean, English) pairs, joined into ui.i18n.LABELS.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "auth.title": ("로그인", "Sign in"),
    "auth.demo_banner": ("데모 / demo — 예시 데이터와 예시 계정입니다 (이 컴퓨터에서만 접속)",
                         "데모 / demo — generated data and demo accounts (this computer only)"),
    "auth.demo_pick": ("데모 계정", "Demo account"),
    "auth.demo_enter": ("이 계정으로 보기", "Continue as this account"),
    "auth.demo_local_only": ("데모 모드는 이 컴퓨터(localhost)에서만 열 수 있습니다. "
                             "server.address 를 localhost 로 두세요.",
                             "Demo mode only runs on localhost: set server.address to "
                             "localhost."),
    "auth.mode_error": ("인증 설정이 없거나 잘못되어 화면을 표시하지 않습니다. 관리자에게 "
                        "문의하세요.",
                        "Sign-in is not configured correctly, so nothing is shown. Contact "
                        "the administrator."),
    "auth.account": ("계정", "Account"),
    "auth.password": ("비밀번호", "Password"),
    "auth.submit": ("로그인", "Sign in"),
    "auth.failed": ("계정 또는 비밀번호가 올바르지 않거나, 잠기거나 사용 중지된 계정입니다.",
                    "Wrong account or password, or the account is locked or disabled."),
    "auth.oidc_intro": ("기관 통합인증(SSO) 계정으로 로그인하세요.",
                        "Sign in with your organisation account (SSO)."),
    "auth.oidc_button": ("기관 계정으로 로그인", "Sign in with organisation account"),
    "auth.oidc_refused": ("로그인한 계정에 이 대시보드 권한(역할·센터)이 없습니다. 관리자에게 "
                          "권한을 요청하세요.",
                          "Your account has no role or centre for this dashboard. Ask an "
                          "administrator for access."),
    "auth.signed_in_as": ("로그인", "Signed in"),
    "auth.sign_out": ("로그아웃", "Sign out"),
    "auth.timed_out": ("{minutes}분 동안 사용하지 않아 로그아웃되었습니다. 다시 로그인하세요.",
                       "Signed out after {minutes} minutes without activity. Sign in again."),
    "auth.signed_out": ("로그아웃했습니다.", "You have signed out."),
    "role.centre": ("센터장·직원", "Centre director / staff"),
    "role.region": ("지방청", "Regional office"),
    "role.hq": ("본부", "Headquarters"),
    "role.admin": ("데이터 관리자", "Data administrator"),
    "role.none": ("권한 없음", "No role"),
    # downloads of participant-level detail
    "dl.purpose": ("내려받는 목적 (개인 단위 자료, 접속기록에 남습니다)",
                   "Purpose of this download (participant-level data; it is logged)"),
    "dl.purpose_help": ("목적을 4자 이상 적어야 내려받을 수 있습니다.",
                        "Write the purpose (at least 4 characters) to enable the download."),
    # the access-log page
    "page.admin_log": ("접속기록", "Access log"),
    "log.intro": ("개인정보의 안전성 확보조치 기준 제8조에 따른 접속기록입니다. 최소 2년 "
                  "보관하며 화면에서는 지울 수 없습니다.",
                  "The access log required by the personal-information safety standard, "
                  "article 8. Kept at least two years; it cannot be deleted here."),
    "log.account": ("계정 (일부)", "Account (part)"),
    "log.page": ("화면 (일부)", "Page (part)"),
    "log.events": ("종류", "Events"),
    "log.from": ("시작일", "From"), "log.to": ("종료일", "To"),
    "log.count": ("건 (최근 순, 최대 2,000건)", "rows (newest first, at most 2,000)"),
    "logv.time": ("시각 (KST)", "Time (KST)"), "logv.account": ("계정", "Account"),
    "logv.role": ("역할", "Role"), "logv.event": ("종류", "Event"),
    "logv.page": ("화면", "Page"), "logv.filters": ("조회 조건", "Filters"),
    "logv.file": ("내려받은 파일", "File"), "logv.purpose": ("목적", "Purpose"),
    "logv.address": ("접속 주소", "Client address"),
    "logv.forwarded": ("전달 주소(X-Forwarded-For)", "Forwarded for"),
    "logv.period": ("기간", "Weeks"), "logv.f.region": ("시도", "Region"),
    "logv.f.centres": ("센터", "Centre"), "logv.f.industry": ("업종", "Industry"),
    "logv.f.programme": ("프로그램", "Programme"),
    "logv.f.target_group": ("대상 집단", "Target group"),
    "log.events_placeholder": ("모든 종류", "All events"),
    "event.view": ("화면 조회", "Page view"), "event.download": ("내려받기", "Download"),
    "event.sign_in": ("로그인", "Sign-in"), "event.sign_in_failed": ("로그인 실패",
                                                                  "Failed sign-in"),
    "event.sign_out": ("로그아웃", "Sign-out"),
    "event.timeout": ("시간 초과로 로그아웃", "Timed out"),
    "event.user_change": ("계정 변경", "Account change"),
    "log.denied": ("접속기록은 데이터 관리자와 본부만 볼 수 있습니다.",
                   "Only data administrators and headquarters may see the access log."),
    "log.error": ("접속기록을 남길 수 없어 화면을 표시하지 않습니다. 관리자에게 문의하세요.",
                  "The access could not be logged, so nothing is shown. Contact the "
                  "administrator."),
}

COLUMN_LABELS: dict[str, str] = {
    "log_id": "번호", "logged_at": "시각", "account": "계정", "role": "역할",
    "client_address": "접속 주소", "forwarded_for": "전달 주소(X-Forwarded-For)",
    "session_id": "세션", "event": "종류", "page": "화면", "filters": "조회 조건",
    "detail": "내려받은 파일", "purpose": "목적",
}

LABELS.update({
    "page.admin_users": ("사용자 관리", "Users"),
    "users.intro": ("로컬 로그인 계정과 OIDC 계정의 역할·센터를 관리합니다. 모든 변경은 "
                    "접속기록에 남습니다.",
                    "Local accounts, and roles/centres for OIDC accounts. Every change is "
                    "in the access log."),
    "users.denied": ("사용자 관리는 데이터 관리자만 할 수 있습니다.",
                     "Only data administrators may manage users."),
    "users.add": ("계정 추가", "Add an account"),
    "users.name": ("이름", "Name"), "users.role": ("역할", "Role"),
    "users.centre": ("센터 (센터장·직원)", "Centre (centre role)"),
    "users.regions": ("담당 시도 (지방청 대신, 또는 더해서)",
                      "Regions (instead of, or besides, an office)"),
    "users.office": ("지방고용노동청", "Regional office"),
    "users.c.account": ("계정", "Account"), "users.c.centre": ("센터", "Centre"),
    "users.c.regions": ("담당 시도", "Regions"), "users.c.enabled": ("사용", "Enabled"),
    "users.c.locked": ("잠김", "Locked"), "users.c.password": ("비밀번호", "Password"),
    "users.c.last_login": ("최근 로그인 (KST)", "Last sign-in (KST)"),
    "users.c.created": ("생성 (KST)", "Created (KST)"),
    "users.yes": ("예", "Yes"), "users.no": ("아니오", "No"),
    "users.search": ("계정·이름 검색", "Search account or name"),
    "users.empty": ("등록된 계정이 없습니다. 아래에서 추가하세요 (데모 계정은 목록에 없습니다).",
                    "No accounts yet. Add one below (demo accounts are not listed)."),
    "users.count": ("{shown}개 계정 (전체 {total}개)", "{shown} of {total} accounts"),
    "users.oidc_only": ("OIDC 계정 (비밀번호 없음, 역할·센터만)",
                        "OIDC account (no password; role and centre only)"),
    "users.create": ("추가", "Add"),
    "users.pick": ("계정 선택", "Account"),
    "users.disable": ("사용 중지", "Disable"),
    "users.enable": ("사용·잠금 해제", "Enable / unlock"),
    "users.reset": ("임시 비밀번호 발급", "Issue a temporary password"),
    "users.temp": ("임시 비밀번호 (한 번만 표시됩니다. 본인에게 따로 전달하세요):",
                   "Temporary password (shown once; hand it over separately):"),
    "users.done": ("변경했습니다", "Done"),
})
