#!/bin/sh
# screenshots.sh — builds a demo case (Korean evidence of a fictitious
# privacy-sanction lawsuit, claims, tags, numbers) with casefile-cli, then
# runs Casefile on it under Xvfb, drives it with xdotool and takes the
# screenshots the metainfo and the README use.
#
# Usage: build-aux/screenshots.sh [BUILD_DIR] [OUT_DIR]
#        build-aux/screenshots.sh --demo-only [BUILD_DIR] [WHERE]
# Needs: xvfb-run, xdotool, ImageMagick (import, convert), bsdtar,
# fonts-noto-cjk. The app runs with LANGUAGE=ko (set SCREENSHOT_LANGUAGE to
# change it).
set -eu

demo_only=false
if [ "${1:-}" = "--demo-only" ]; then
  demo_only=true
  shift
fi
build=$(cd "${1:-_build}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
cli="$build/src/cli/casefile-cli"
app="$build/src/gui/casefile"
export LC_ALL=C.UTF-8

# The evidence ------------------------------------------------------------

text () {  # text FILE CONTENT
  mkdir -p "$(dirname "$1")"
  printf '%s\n' "$2" > "$1"
}

image () {  # image FILE LINE...
  file=$1
  shift
  mkdir -p "$(dirname "$file")"
  set -- -size 900x560 xc:'#f6f5f4' -fill '#1c71d8' -draw 'rectangle 0,0 900,64' \
    -font Noto-Sans-CJK-KR -fill white -pointsize 26 -annotate +28+44 "$1" \
    -fill '#241f31' -pointsize 22 -annotate +28+120 "$2" -annotate +28+170 "$3" \
    -annotate +28+220 "$4" "$file"
  convert "$@"
}

mail () {  # mail FILE FROM TO SUBJECT DATE BODY — EUC-KR, as Korean mail servers send it
  mkdir -p "$(dirname "$1")"
  {
    printf 'From: %s\r\nTo: %s\r\nSubject: =?ks_c_5601-1987?B?%s?=\r\nDate: %s\r\n' \
      "$2" "$3" "$(printf '%s' "$4" | iconv -f UTF-8 -t CP949 | base64 -w0)" "$5"
    printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset="ks_c_5601-1987"\r\n'
    printf 'Content-Transfer-Encoding: 8bit\r\n\r\n'
    printf '%s\r\n' "$6" | iconv -f UTF-8 -t CP949
  } > "$1"
}

make_evidence () {  # make_evidence DIR
  e=$1
  text "$e/계약/개인정보 처리업무 위탁계약서.txt" "개인정보 처리업무 위탁계약서

제1조 (목적) 이 계약은 페이코리아 주식회사(위탁자)가 글로벌페이 Ltd.(수탁자)에게 이상거래 탐지 업무를 위탁하는 데 필요한 사항을 정한다.
제4조 (처리 목적의 제한) 수탁자는 위탁받은 개인정보를 이상거래 탐지 목적으로만 처리하며, 그 밖의 목적으로 이용하거나 제3자에게 제공하지 아니한다.
제7조 (재위탁의 제한) 수탁자는 위탁자의 사전 서면 동의 없이 업무를 재위탁할 수 없다.
제9조 (안전성 확보조치) 수탁자는 개인정보를 AES-256으로 암호화하여 전송·보관한다."
  text "$e/계약/위탁계약 변경합의서 (2019).txt" "위탁계약 변경합의서
제4조 처리 목적에 '결제 분쟁 조사'를 추가한다. 재위탁 금지는 유지한다."
  text "$e/계약/업무 지시서 2018-03.txt" "업무 지시서: 이상거래 탐지 모형의 기준값은 위탁자가 정하고 수탁자는 이에 따른다."
  text "$e/처리방침/개인정보 처리방침 v1 (2017).txt" "개인정보 처리방침 v1
수탁자: 없음"
  text "$e/처리방침/개인정보 처리방침 v2 (2018).txt" "개인정보 처리방침 v2
개인정보 처리업무의 위탁: 글로벌페이 Ltd. (이상거래 탐지)"
  text "$e/처리방침/개인정보 처리방침 v3 (2019).txt" "개인정보 처리방침 v3
국외 위탁: 글로벌페이 Ltd., 싱가포르, 이상거래 탐지 및 결제 분쟁 조사"
  text "$e/내부/법무팀 검토 의견 (변호사).txt" "법무팀 검토 의견 — 변호사-의뢰인 간 비밀유지 대상
위수탁 구조로 볼 여지가 크나, 처리방침 v1 시기의 고지 누락은 쟁점이 될 수 있음."
  text "$e/내부/보안팀 점검 결과.txt" "보안팀 점검 결과: 전송 구간 TLS 1.2, 저장 시 AES-256, 접근 권한 3명."
  text "$e/내부/이사회 보고 메모.txt" "이사회 보고: 해외 결제사와의 위탁 계약 체결 완료 (2018-03)."
  mkdir -p "$e/로그"
  printf '일시,건수,암호화,목적지\n2018-04-02 10:00,1204,AES-256,SG\n2018-04-03 10:00,1180,AES-256,SG\n' > "$e/로그/전송 로그 2018-04.csv"
  printf '일시,건수,암호화,목적지\n2018-05-02 10:00,1302,AES-256,SG\n' > "$e/로그/전송 로그 2018-05.csv"
  image "$e/화면/동의 화면 캡처.png" "페이코리아 결제 — 개인정보 처리 안내" \
    "개인정보 처리업무를 아래와 같이 위탁합니다." "수탁자: 글로벌페이 Ltd. (이상거래 탐지)" \
    "위탁 업무 내용은 개인정보 처리방침에서 확인하실 수 있습니다."
  image "$e/화면/관리자 콘솔 권한 설정.png" "관리자 콘솔 — 접근 권한" \
    "접근 가능 인원: 3명 (보안팀)" "수탁자 계정: 조회 전용" "재위탁: 불가"
  mail "$e/메일/2018-04-02 정산 데이터 전송.eml" "ops@globalpay.example" "privacy@paykorea.example" \
    "정산 데이터 전송 확인" "Mon, 2 Apr 2018 10:00:00 +0900" \
    "요청하신 이상거래 탐지용 데이터를 암호화하여 전송하였습니다. 목적 외 이용은 하지 않습니다."
  mail "$e/메일/2018-04-20 재위탁 문의 회신.eml" "legal@paykorea.example" "ops@globalpay.example" \
    "재위탁 문의에 대한 회신" "Fri, 20 Apr 2018 15:30:00 +0900" \
    "계약 제7조에 따라 재위탁은 허용되지 않습니다. 다른 업체에 데이터를 넘기지 마십시오."
  mail "$e/메일/2019-02-11 위원회 자료 요청.eml" "inquiry@pipc.example" "legal@paykorea.example" \
    "자료 제출 요청" "Mon, 11 Feb 2019 09:00:00 +0900" \
    "국외 이전 경위 및 동의 여부에 관한 자료를 제출하여 주시기 바랍니다."
  text "$e/위원회/처분서 (2019).txt" "개인정보보호위원회 처분서
피처분자는 정보주체의 동의 없이 개인정보를 국외 제3자에게 제공하였다. 과징금을 부과한다."
  # A ZIP made on Korean Windows: CP949 names, no UTF-8 flag.
  mkdir -p "$e/zip-src"
  text "$e/zip-src/첨부1 위탁업무 범위.txt" "위탁업무 범위: 이상거래 탐지, 결제 분쟁 조사"
  text "$e/zip-src/첨부2 보안 서약서.txt" "보안 서약서: 수탁자 직원 전원 서명"
  (cd "$e/zip-src" && bsdtar --format zip --options zip:hdrcharset=CP949 -cf "../메일/계약 첨부자료.zip" *.txt)
  rm -rf "$e/zip-src"
  # The same contract handed over twice.
  cp "$e/계약/개인정보 처리업무 위탁계약서.txt" "$e/계약/위탁계약서 사본.txt"
  # File dates as the client's files had them.
  touch -d 2018-03-15 "$e/계약/"*
  touch -d 2019-01-20 "$e/계약/위탁계약 변경합의서 (2019).txt"
  touch -d 2017-06-01 "$e/처리방침/개인정보 처리방침 v1 (2017).txt"
  touch -d 2018-03-30 "$e/처리방침/개인정보 처리방침 v2 (2018).txt"
  touch -d 2019-02-28 "$e/처리방침/개인정보 처리방침 v3 (2019).txt"
  touch -d 2019-03-05 "$e/내부/"*
  touch -d 2018-05-31 "$e/로그/"*
  touch -d 2018-04-25 "$e/화면/"*
  touch -d 2019-06-12 "$e/위원회/"*
}

make_demo () {  # make_demo WHERE — prints the case folder
  where=$1
  rm -rf "$where"
  mkdir -p "$where"
  make_evidence "$where/의뢰인 제출자료"
  kase="$where/페이코리아 사건"
  "$cli" new "$kase" --title "페이코리아 v 개인정보보호위원회" --court "서울행정법원" \
    --case-number "2024구합12345" --party plaintiff > /dev/null
  "$cli" import "$kase" "$where/의뢰인 제출자료" > /dev/null

  id_of () {
    "$cli" list "$kase" --json |
      python3 -c "import json,sys; print(next(d['id'] for d in json.load(sys.stdin) if d['source'].endswith(sys.argv[1])))" "$1"
  }
  c1=$("$cli" claim add "$kase" "위수탁이지 유출이 아님")
  c11=$("$cli" claim add "$kase" "위탁계약이 존재하고 목적을 제한함" --parent "$c1")
  c12=$("$cli" claim add "$kase" "수탁자는 위탁자의 업무를 위해 그 통제 아래 처리함" --parent "$c1")
  c2=$("$cli" claim add "$kase" "고객 동의 불요 (고지로 충분)")
  c3=$("$cli" claim add "$kase" "안전성 확보조치 이행")
  c4=$("$cli" claim add "$kase" "제3자 제공에 해당" --side theirs)

  "$cli" tag "$kase" --claim "$c11" --pin "제4조" --note "처리 목적을 이상거래 탐지로 제한" \
    "$(id_of '개인정보 처리업무 위탁계약서.txt')" > /dev/null
  "$cli" tag "$kase" --claim "$c11" --pin "제4조" --note "목적 추가에도 재위탁 금지 유지" \
    "$(id_of '변경합의서 (2019).txt')" > /dev/null
  "$cli" tag "$kase" --claim "$c12" --note "기준값은 위탁자가 정함" "$(id_of '업무 지시서 2018-03.txt')" > /dev/null
  "$cli" tag "$kase" --claim "$c12" --pin "본문 2행" "$(id_of '재위탁 문의 회신.eml')" > /dev/null
  "$cli" tag "$kase" --claim "$c2" --pin "국외 위탁 항목" "$(id_of 'v3 (2019).txt')" > /dev/null
  "$cli" tag "$kase" --claim "$c2" --stance undermines --note "v1에는 위탁 고지가 없음" \
    "$(id_of 'v1 (2017).txt')" > /dev/null
  "$cli" tag "$kase" --claim "$c3" "$(id_of '보안팀 점검 결과.txt')" "$(id_of '권한 설정.png')" > /dev/null
  "$cli" tag "$kase" --claim "$c3" --stance context "$(id_of '전송 로그 2018-04.csv')" > /dev/null
  "$cli" tag "$kase" --claim "$c4" --stance undermines --note "위원회의 판단 근거" \
    "$(id_of '처분서 (2019).txt')" > /dev/null
  "$cli" tag "$kase" --claim "$c11" "$(id_of '계약 첨부자료.zip')" > /dev/null
  "$cli" privilege "$kase" "$(id_of '법무팀 검토 의견 (변호사).txt')" --basis "변호사-의뢰인 간 비밀유지" > /dev/null
  "$cli" tag "$kase" --claim "$c1" --stance context "$(id_of '법무팀 검토 의견 (변호사).txt')" > /dev/null
  "$cli" edit "$kase" "$(id_of '개인정보 처리업무 위탁계약서.txt')" --title "개인정보 처리업무 위탁계약서" \
    --date 2018-03-15 --author "페이코리아 · 글로벌페이" > /dev/null
  "$cli" edit "$kase" "$(id_of '재위탁 문의 회신.eml')" --date 2018-04-20 --author "페이코리아 법무팀" > /dev/null
  "$cli" edit "$kase" "$(id_of '처분서 (2019).txt')" --date 2019-06-12 --author "개인정보보호위원회" > /dev/null
  "$cli" number "$kase" > /dev/null
  # A first bundle went to the court: those numbers are locked now.
  "$cli" export "$kase" "$where/1차 제출.zip" > /dev/null
  # Tagged since: the numbering preview has something to show.
  "$cli" tag "$kase" --claim "$c3" --pin "5월분" "$(id_of '전송 로그 2018-05.csv')" > /dev/null
  "$cli" tag "$kase" --claim "$c2" "$(id_of '동의 화면 캡처.png')" > /dev/null
  "$cli" tag "$kase" --claim "$c12" "$(id_of '권한 설정.png')" > /dev/null
  printf '%s\n' "$kase"
}

if $demo_only; then
  make_demo "${2:-${TMPDIR:-/tmp}/casefile-demo}"
  exit 0
fi

# The screenshots ------------------------------------------------------------

out=$(mkdir -p "${2:-$top/data/screenshots}" && cd "${2:-$top/data/screenshots}" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/casefile-shots-XXXXXX")
trap 'rm -rf "$work"' EXIT
kase=$(make_demo "$work/demo")

cat > "$work/drive.sh" <<'DRIVE'
#!/bin/sh
# Runs inside Xvfb: starts Casefile, takes the screenshots, quits.
set -eu
app=$1; kase=$2; out=$3; work=$4
shot () {  # shot NAME WINDOW-NAME — one window, as the user sees it
  sleep 1.2
  win=$(xdotool search --sync --limit 1 --name "$2")
  import -window "$win" "$work/$1.png"
  convert "$work/$1.png" -strip "$out/$1.png"
}
key () {
  xdotool key --clearmodifiers "$@"
  sleep 0.4
}

"$app" "$kase" &
pid=$!
win=$(xdotool search --sync --limit 1 --name "페이코리아")
sleep 3
xdotool mousemove 640 400
# The contract: details, claims and a text preview.
xdotool mousemove 480 100 click 1
sleep 0.5
xdotool mousemove 640 790
shot case "페이코리아"

# The numbering preview; then assign the numbers (the focused button).
key ctrl+shift+n
shot numbering "${SHOT_NUMBERING_TITLE}"
key Return
sleep 2

# An export, finished.
key ctrl+e
sleep 1
key Return
sleep 5
shot export "${SHOT_EXPORT_TITLE}"
key Escape

# A search: hits with their snippets, the first one previewed.
key ctrl+f
xdotool type --delay 60 "위탁"
sleep 1.5
key Down
sleep 1.5
shot search "페이코리아"
key ctrl+q
sleep 1
kill "$pid" 2> /dev/null || true
DRIVE

lang=${SCREENSHOT_LANGUAGE:-ko}
if [ "$lang" = ko ]; then
  numbering_title="증거번호 붙이기"
  export_title="증거 묶음 내보내기"
else
  numbering_title="Assign Exhibit Numbers"
  export_title="Export Bundle"
fi
mkdir -p "$work/home/Documents"
HOME="$work/home" XDG_DOCUMENTS_DIR="$work/home/Documents" LANGUAGE=$lang \
  GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" CASEFILE_LOCALEDIR="$build/po" \
  GSK_RENDERER=cairo NO_AT_BRIDGE=1 SHOT_NUMBERING_TITLE="$numbering_title" SHOT_EXPORT_TITLE="$export_title" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh "$work/drive.sh" "$app" "$kase" "$out" "$work"
ls -l "$out"
