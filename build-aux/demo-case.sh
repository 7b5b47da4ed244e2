#!/bin/sh
# demo-case.sh — builds a small demo case with the CLI: Korean evidence, a
# ZIP from Korean Windows, claims, tags, numbers and a verified bundle.
# Usage: build-aux/demo-case.sh [BUILD_DIR] [WHERE]
set -eu
build=${1:-_build}
where=${2:-${TMPDIR:-/tmp}/casefile-demo}
cli="$(cd "$build" && pwd)/src/cli/casefile-cli"
export LC_ALL=C.UTF-8

rm -rf "$where"
mkdir -p "$where/증거/메일"
cd "$where"
printf '%%PDF-1.4\n%% 위수탁 계약서: 제4조 (목적) 부정거래 탐지 목적에 한하여 처리한다.\n%%%%EOF\n' > 증거/위수탁계약서.pdf
printf 'From: legal@partner.example\r\nTo: privacy@company.example\r\nSubject: 정산 데이터 전송\r\nDate: Mon, 2 Apr 2018 10:00:00 +0900\r\n\r\n암호화하여 전송합니다.\r\n' > "증거/메일/2018-04-02 정산 데이터 전송.eml"
printf '개인정보 처리방침 v3 (2018)\n수탁자: 해외 결제 파트너 (부정거래 탐지)\n' > 증거/개인정보처리방침-v3.txt
cp 증거/위수탁계약서.pdf 증거/위수탁계약서-사본.pdf
# A ZIP as Korean Windows makes it: CP949 names without the UTF-8 flag.
if command -v bsdtar > /dev/null; then
  mkdir -p zip-src && printf '법무팀 내부 검토: 위수탁 구조 확인\n' > "zip-src/내부 검토 메모.txt"
  (cd zip-src && bsdtar --format zip --options zip:hdrcharset=CP949 -cf ../증거/내부검토.zip "내부 검토 메모.txt")
  rm -rf zip-src
fi

"$cli" new "카카오페이 사건.casefile" --title "카카오페이 v 개인정보보호위원회" \
  --court "서울행정법원" --case-number "2024구합12345" --party plaintiff
"$cli" import "카카오페이 사건.casefile" 증거
id_of () {
  "$cli" list "카카오페이 사건.casefile" --json |
    python3 -c "import json,sys; print(next(d['id'] for d in json.load(sys.stdin) if d['source'].endswith(sys.argv[1])))" "$1"
}
c1=$("$cli" claim add "카카오페이 사건.casefile" "위수탁이지 유출이 아님")
c2=$("$cli" claim add "카카오페이 사건.casefile" "위수탁계약이 존재하고 목적을 제한함" --parent "$c1")
c3=$("$cli" claim add "카카오페이 사건.casefile" "고객 동의 불요")
"$cli" claim add "카카오페이 사건.casefile" "제3자 제공에 해당" --side theirs > /dev/null
"$cli" tag "카카오페이 사건.casefile" --claim "$c2" --pin "제4조" --note "처리 목적을 부정거래 탐지로 제한" "$(id_of 위수탁계약서.pdf)"
"$cli" tag "카카오페이 사건.casefile" --claim "$c1" --stance context "$(id_of .eml)"
"$cli" tag "카카오페이 사건.casefile" --claim "$c3" "$(id_of 처리방침-v3.txt)"
"$cli" edit "카카오페이 사건.casefile" "$(id_of 위수탁계약서.pdf)" --title "위수탁계약서" --date 2018-03-15 --author "카카오페이"
"$cli" number "카카오페이 사건.casefile"
"$cli" list "카카오페이 사건.casefile"
"$cli" export "카카오페이 사건.casefile" bundle.zip
"$cli" verify bundle.zip
echo
echo "The demo case is in $where; try: $cli show \"$where/카카오페이 사건.casefile\" 1"
