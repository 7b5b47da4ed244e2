#!/usr/bin/env python3
"""gen-text-corpus.py — a Korean/English corpus for the search benchmark.

Writes N documents under DIR: mostly .txt, some .html, and every tenth an
.eml with sender, recipients and a date (so filters have something to
filter). Text mixes Korean words with particles and compounds and English,
with a long tail of rare words. Prints nothing; the benchmark computes the
truth for recall from the files themselves.

Usage: gen-text-corpus.py DIR N
"""
import os
import random
import sys

directory, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(20261128)

stems = ("위수탁 개인정보 처리 수탁자 위탁자 동의 미동의 동의서 제공 제3자 유출 암호화 안전성 확보조치 "
         "결제 정보 부정거래 탐지 해외 파트너 계약서 계약 목적 제한 규제기관 과징금 처분 취소 소송 "
         "고지 처리방침 전송 로그 서버 보관 파기 재위탁 감독 점검 보고 통제 업무 범위 기간").split()
particles = ["", "", "을", "를", "은", "는", "이", "가", "에", "의", "으로", "와", "과", "에서", "에게"]
english = ("the processor shall process personal data only on documented instructions fraud scoring "
           "transfer encrypted consent notice controller agreement audit retention deletion partner "
           "payment card merchant risk model score transaction review").split()
rare = [f"사건{i:05d}호" for i in range(2000)] + [f"ref{i:05d}x" for i in range(2000)]
senders = ["legal@partner.example", "privacy@company.example", "kim@company.example", "lee@partner.example"]

def sentence():
    words = []
    for _ in range(rnd.randint(6, 14)):
        r = rnd.random()
        if r < 0.55:
            w = rnd.choice(stems)
            if rnd.random() < 0.2:
                w += rnd.choice(stems)          # compounds: 위수탁계약서
            words.append(w + rnd.choice(particles))
        elif r < 0.97:
            words.append(rnd.choice(english))
        else:
            words.append(rnd.choice(rare))
    return " ".join(words) + "."

for i in range(n):
    sub = os.path.join(directory, f"{i // 1000:03d}")
    os.makedirs(sub, exist_ok=True)
    body = " ".join(sentence() for _ in range(rnd.randint(8, 20)))
    if i % 10 == 0:
        month = rnd.randint(1, 12)
        day = rnd.randint(1, 28)
        with open(os.path.join(sub, f"mail-{i:06d}.eml"), "w", encoding="utf-8") as f:
            f.write(f"From: {rnd.choice(senders)}\r\nTo: {rnd.choice(senders)}\r\n"
                    f"Date: Mon, {day:02d} {['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'][month-1]} 2018 10:00:00 +0900\r\n"
                    f"Subject: {sentence()[:40]}\r\nMIME-Version: 1.0\r\n"
                    f"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n")
    elif i % 10 == 1:
        with open(os.path.join(sub, f"page-{i:06d}.html"), "w", encoding="utf-8") as f:
            f.write(f"<html><head><title>문서 {i}</title></head><body><p>{body}</p></body></html>")
    else:
        with open(os.path.join(sub, f"doc-{i:06d}.txt"), "w", encoding="utf-8") as f:
            f.write(body)
