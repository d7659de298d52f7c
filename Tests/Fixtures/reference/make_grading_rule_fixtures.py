#!/usr/bin/env python3
"""Reference verdicts for the carry-forward grading rule "that cannot be gamed".

Writes grading-rule.json next to this file (see GRADING-RULE.md).  Builds on
make_ecf_fixtures.py (imported, not changed), which builds on make_fixtures.py: the
lessons, the forward and backward pass, batching, eta_t, the optimizers' equations and
the error-carried-forward replay are theirs.  This script adds the two rules of the
grading-rule text on top of that replay and grades simulated students' sheets.  It was
written from the rule text, ECF.md, README.md, these scripts and shared/lecture.md,
without looking at the Swift sources.

How to rerun
------------
    python3 Tests/Fixtures/reference/make_grading_rule_fixtures.py

from any directory.  Deterministic: two runs write the same bytes.  Every self-check
runs before anything is written; if one fails the script prints the failed assertion,
writes nothing and exits with status 1.  It writes no other file (no __pycache__).

The rule (as implemented here)
------------------------------
An asked value A = (t, parameter, quantity) has the key value k (make_fixtures.run_case,
no answers) and the tolerance of its quantity: rtol 0.005 for g, 0.001 for every other
quantity, atol 1e-12.

    accepts(a, e)    <=> a, e finite and |a - e| <= atol + rtol*|e|
    negligible(x; k) <=> |x| <= atol + rtol*|k|/1000
    kZero            <=> negligible(k; k)
    before           w_new(t): w(t), the weight the update starts from; every other
                     quantity: none (a state equal to its value at t - 1 can be honest:
                     after m(1) = g(1), m(2) = 0.9*m(1) + 0.1*g(2) is m(1) while g holds).  keyBefore from the plain run, believedBefore from
                     the replay (its believed value, shortcuts not believed).
    unchangedKey     <=> a before exists and accepts(k, keyBefore)

The replay is make_ecf_fixtures.replay (expected value from believed inputs; believed =
the answer if given, else expected), except that an answer is not believed when it is a
shortcut (rule 1): x is not accepts(x, k) and
    (1a) not kZero and negligible(x; k), or
    (1b) a before exists, not unchangedKey, and accepts(x, believedBefore).
It is implemented as the replay's student callback, which sees each value's expected
value and the believed values before it, and withholds a shortcut (a blank).

Verdicts, with c the replay's expected value ("carried_forward"):
    missing  not answered;
    right    accepts(x, k);
    carried  accepts(x, c) and the step is not trivial (rule 2):
             not (not kZero and negligible(c; k)) and
             not (a before exists, not unchangedKey, accepts(c, believedBefore));
    wrong    otherwise.
A shortcut is still graded (it can be right by key only if it were not a shortcut, so in
practice it is wrong or, subject to rule 2, carried).  score = right + carried,
max_score = number asked.

Self-checks
-----------
* The no-answer replay equals make_fixtures.run_case bit for bit for every case
  (make_ecf_fixtures.check_plain_equals_replay).
* Rule 1 is "the ECF replay of the sheet without its shortcuts": the rule replay equals
  make_ecf_fixtures.replay fed only the believed answers, bit for bit, and the shortcut
  set is a fixed point (recomputed from that replay, every withheld answer is a shortcut
  and no believed one is).
* The carry and every optimizer equation on believed inputs
  (make_ecf_fixtures.check_steps_and_equations), every expected g against the
  vectorised second implementation and, off the plain run, finite differences
  (make_ecf_fixtures.check_gradients), and no near-cancelling pre-activation or w_new
  (make_ecf_fixtures.check_quality).
* JSON round trip: the sheet is written, read back and graded again from the file's
  answers alone: the same records, verdicts and shortcuts.
* Every verdict recomputed by a second, separately written classifier from the file's
  numbers (answer, key, carried_forward) and the replay's believed before.
* The simulated students: each honest answer is fmt(carried_forward) (4 significant
  digits rounded or truncated), the exploit sheets are what the case says.
* Target scores: exploits 0, honest full marks, one slip max - 1; the rule text's
  worked example (plain carry-forward gives the all-zero Adam sheet 15/18); honest
  sheets are graded exactly as by plain carry-forward (no shortcut, no rule-2 hit).
"""

from __future__ import annotations

import json
import math
import sys
import traceback
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

sys.dont_write_bytecode = True  # do not leave __pycache__ in the fixtures folder

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402

import make_ecf_fixtures as mecf  # noqa: E402
import make_fixtures as mf  # noqa: E402

F = mf.F
OUT = HERE / "grading-rule.json"
ADAM = mf.ADAM

# Default tolerances of the rule text.
RTOL_G = 0.005
RTOL_OTHER = 0.001
ATOL = 1e-12
STATE_WITH_BEFORE = ()  # no state has a before: only w_new, whose before is w


def tolerance(q: str) -> tuple[float, float]:
    return (RTOL_G if q == "g" else RTOL_OTHER), ATOL


def accepts(a, e, q: str) -> bool:
    a, e = float(a), float(e)
    if not (math.isfinite(a) and math.isfinite(e)):
        return False
    rtol, atol = tolerance(q)
    return abs(a - e) <= atol + rtol * abs(e)


def negligible(x, k, q: str) -> bool:
    rtol, atol = tolerance(q)
    return abs(float(x)) <= atol + rtol * abs(float(k)) / 1000


def has_before(q: str) -> bool:
    return q == "w_new" or q in STATE_WITH_BEFORE


def key_before(key_trace: dict, t: int, p: str, q: str):
    """The plain run's value before A's step, or None."""
    if q == "w_new":
        return key_trace["steps"][t - 1]["parameters"][p]["w"]
    if q in STATE_WITH_BEFORE:
        return F(0.0) if t == 1 else key_trace["steps"][t - 2]["parameters"][p][q]
    return None


def believed_before_from_ctx(q: str, ctx: dict):
    """The replay's believed value before A's step, from the replay's callback context:
    ctx["b"] holds this step's believed values so far, ctx["prev"] the believed state of
    t - 1 (zeros at t = 1)."""
    if q == "w_new":
        return ctx["b"]["w"]
    if q in STATE_WITH_BEFORE:
        return ctx["prev"][q]
    return None


def judge(q: str, x, k, c, kb, bb) -> dict:
    """Rule 1 and rule 2 for an answer x with key k, expected (carried-forward) c, key
    before kb and believed before bb (None when the quantity has no before)."""
    before = kb is not None
    k_zero = negligible(k, k, q)
    unchanged = before and accepts(k, kb, q)
    if accepts(x, k, q):
        return {"verdict": "right", "shortcut": False, "why": ""}
    s1a = (not k_zero) and negligible(x, k, q)
    s1b = before and (not unchanged) and accepts(x, bb, q)
    why = []
    if s1a:
        why.append("1a")
    if s1b:
        why.append("1b")
    if accepts(x, c, q):
        r2a = (not k_zero) and negligible(c, k, q)
        r2b = before and (not unchanged) and accepts(c, bb, q)
        if r2a:
            why.append("2a")
        if r2b:
            why.append("2b")
        verdict = "wrong" if (r2a or r2b) else "carried"
    else:
        verdict = "wrong"
    return {"verdict": verdict, "shortcut": s1a or s1b, "why": "+".join(why)}


def grade(c: dict, lesson: dict, key_trace: dict, student) -> tuple[dict, dict]:
    """Rule-aware replay.  student(key, expected, ctx) -> the answer or None, called for
    every value in replay order (expected is computed from believed inputs).  Returns the
    replay (make_ecf_fixtures.replay's dict; its records hold (expected, believed), a
    shortcut being believed = expected) and info[key] = {answer, verdict, shortcut, why,
    key, key_before, believed_before} for every answered value."""
    info = {}

    def callback(key, expected, ctx):
        x = student(key, expected, ctx)
        if x is None:
            return None
        x = F(x)
        t, p, q = key
        k = key_trace["steps"][t - 1]["parameters"][p][q]
        kb = key_before(key_trace, t, p, q)
        bb = believed_before_from_ctx(q, ctx)
        j = judge(q, x, k, expected, kb, bb)
        info[key] = {"answer": x, "key": k, "key_before": kb, "believed_before": bb, **j}
        return None if j["shortcut"] else x

    res = mecf.replay(c, lesson, [], student=callback)
    return res, info


def plain_ecf_verdicts(c: dict, lesson: dict, key_trace: dict, answers: list[dict]) -> dict:
    """Plain error carried forward (ECF.md): every answer believed, right by key or
    within tolerance of its expected value."""
    res = mecf.replay(c, lesson, answers)
    out = {}
    for a in answers:
        key = (a["t"], a["parameter"], a["quantity"])
        x, q = a["value"], a["quantity"]
        k = key_trace["steps"][key[0] - 1]["parameters"][key[1]][q]
        e = res["records"][key][0]
        out[key] = "right" if accepts(x, k, q) else ("carried" if accepts(x, e, q) else "wrong")
    return out


# ---------------------------------------------------------------------------
# Students.
# ---------------------------------------------------------------------------


def round_sig(digits):
    return lambda x: F(mecf.sig(x, digits))


def truncate_sig(digits):
    """Truncate (towards zero) the exact binary value of x to `digits` significant digits."""
    def fmt(x):
        d = Decimal(float(x))  # exact
        if d == 0:
            return F(0.0)
        quantum = Decimal(1).scaleb(d.adjusted() - (digits - 1))
        return F(float(d.quantize(quantum, rounding=ROUND_DOWN)))
    return fmt


def honest_student(asked: set, fmt, slips=None):
    """Answers every asked value with fmt(expected): the replay's formula applied to the
    believed earlier values (their own answers, the carried-forward value where an answer
    was withheld), g exactly at the believed weights of all parameters.  slips[key] =
    fn(expected, ctx) -> the value they compute instead (then also passed through fmt)."""
    slips = slips or {}

    def student(key, expected, ctx):
        if key not in asked:
            return None
        if key in slips:
            return fmt(F(slips[key](expected, ctx)))
        return fmt(expected)
    return student


def own_chain_sheet(c: dict, lesson: dict, param: str, asked: set, g_value: float) -> dict:
    """A sheet that never looks at the network: g = g_value at every t, every other
    quantity from the optimizer's formulas (make_ecf_fixtures.equations) applied to the
    student's own earlier values: w(1) = the initial weight, w(t + 1) = their w_new(t),
    their own state carried.  With g = 0 every state value is 0 and w_new = w."""
    opt, conv, hp = c["optimizer"], c["convention"], c["hyperparameters"]
    names = mf.parameter_names(lesson["layers"])
    w = mf.get_params(lesson["layers"])[names.index(param)]
    prev = {k: F(0.0) for k in mf.STATE_KEYS[opt]}
    eqs = mecf.equations(opt, conv, hp)
    sheet = {}
    for t in range(1, c["steps"] + 1):
        eta = F(mf.learning_rate(c.get("schedule"), hp["eta"], t))
        b = {"w": w, "g": F(g_value)}
        for q, fn in eqs:
            b[q] = fn(t, eta, b, prev)
        for q in ("g",) + tuple(q for q, _ in eqs):
            if (t, param, q) in asked:
                sheet[(t, param, q)] = b[q]
        prev = {k: b[k] for k in mf.STATE_KEYS[opt]}
        w = b["w_new"]
    return sheet


def sheet_student(sheet: dict):
    return lambda key, expected, ctx: sheet.get(key)


# ---------------------------------------------------------------------------
# Cases.
# ---------------------------------------------------------------------------


def asked_keys(c: dict, lesson: dict, param: str) -> list[tuple]:
    """What a homework asks: one weight's g, the optimizer's state and w_new, t = 1..steps."""
    qs = tuple(q for q in mecf.quantities(c["optimizer"]) if q != "w")
    return mecf.keys(c, lesson, range(1, c["steps"] + 1), params=(param,), qs=qs)


def spec(name, lesson, optimizer, convention, hyper, steps, batch_size, param, kind, *,
         target=None, digits=None, slips=None, g_value=None, note=""):
    c = mf.case(name, lesson, optimizer, convention, hyper, steps, batch_size)
    return {"case": c, "param": param, "kind": kind, "target": target, "digits": digits,
            "slips": slips or {}, "g_value": g_value, "note": note}


ADAM_CASE = ("tanh-sigmoid-2-2-1", "adam", "lecture", {"eta": 0.01, **ADAM}, 3, "full", "W2[1,1]")
SGD_CASE = ("tanh-sigmoid-2-2-1", "sgd", "lecture", {"eta": 0.3}, 3, 1, "W2[1,1]")
MOMENTUM_CASE = ("logistic-2-1-bce", "momentum", "lecture", {"eta": 0.5, "beta": 0.9}, 3, "full", "W1[1,1]")
RMSPROP_CASE = ("tanh-sigmoid-2-2-1", "rmsprop", "pytorch", {"eta": 0.01, "rho": 0.9, "epsilon": 1e-8}, 3,
                "full", "W2[1,1]")


def slip_m_beta1(expected, ctx):
    """m = beta1*m_prev + beta1*g: (1 - beta1) replaced by beta1."""
    b1 = F(ctx["hp"]["beta1"])
    return b1 * ctx["prev"]["m"] + b1 * ctx["b"]["g"]


def copy_w(expected, ctx):
    """w_new written as the step's w (their own w, i.e. their w_new of t - 1)."""
    return ctx["b"]["w"]


def build_specs() -> list[dict]:
    P = ADAM_CASE[-1]
    return [
        spec("exploit-zeros", *ADAM_CASE, "own-chain", target=0, g_value=0.0,
             note="every g, m, v, m_hat, v_hat = 0, every w_new = the starting weight"),
        spec("exploit-tiny", *ADAM_CASE, "own-chain", target=0, g_value=1e-9,
             note="g = 1e-9 at every t, the rest from the formulas on their own values"),
        spec("honest-rounded", *ADAM_CASE, "honest", target=18, digits=("round", 4),
             note="own carried-forward values rounded to 4 significant digits"),
        spec("honest-truncated", *ADAM_CASE, "honest", target=18, digits=("truncate", 4),
             note="own carried-forward values truncated to 4 significant digits"),
        spec("one-slip", *ADAM_CASE, "honest", target=17, digits=("round", 4),
             slips={(1, P, "m"): slip_m_beta1},
             note="m(1) with beta1 in place of 1 - beta1, then consistent, 4 digits"),
        spec("three-digits", *ADAM_CASE, "honest", target=None, digits=("round", 3),
             note="own carried-forward values rounded to 3 significant digits"),
        spec("copied-w-new-at-2", *ADAM_CASE, "honest", target=None, digits=("round", 4),
             slips={(2, P, "w_new"): copy_w},
             note="honest-rounded, but w_new(2) copies w(2)"),
        spec("exploit-sgd", *SGD_CASE, "own-chain", target=0, g_value=0.0,
             note="g = 0, w_new = w (the starting weight)"),
        spec("honest-sgd", *SGD_CASE, "honest", target=6, digits=("round", 4),
             note="own carried-forward values rounded to 4 significant digits"),
        spec("exploit-momentum", *MOMENTUM_CASE, "own-chain", target=0, g_value=0.0,
             note="g = 0, v = 0, w_new = w (the starting weight)"),
        spec("honest-momentum", *MOMENTUM_CASE, "honest", target=9, digits=("round", 4),
             note="own carried-forward values rounded to 4 significant digits"),
        spec("exploit-rmsprop", *RMSPROP_CASE, "own-chain", target=0, g_value=0.0,
             note="g = 0, ss = 0, w_new = w (the starting weight)"),
        spec("honest-rmsprop", *RMSPROP_CASE, "honest", target=9, digits=("round", 4),
             note="own carried-forward values rounded to 4 significant digits"),
    ]


def fmt_of(sp):
    kind, digits = sp["digits"]
    return round_sig(digits) if kind == "round" else truncate_sig(digits)


# ---------------------------------------------------------------------------
# Building a case.
# ---------------------------------------------------------------------------


def build_case(sp: dict, lesson: dict, key_trace: dict):
    c, param = sp["case"], sp["param"]
    asked = asked_keys(c, lesson, param)
    asked_set = set(asked)
    if sp["kind"] == "own-chain":
        sheet = own_chain_sheet(c, lesson, param, asked_set, sp["g_value"])
        student = sheet_student(sheet)
    else:
        student = honest_student(asked_set, fmt_of(sp), sp["slips"])
    res_sim, info_sim = grade(c, lesson, key_trace, student)
    answered = mecf.canonical(c, lesson, info_sim.keys())
    answers = [{"t": t, "parameter": p, "quantity": q, "value": info_sim[(t, p, q)]["answer"]}
               for (t, p, q) in answered]
    obj = {"name": c["name"], "case": c, "answers": answers,
           "asked": [{"t": t, "parameter": p, "quantity": q} for (t, p, q) in asked]}
    obj = json.loads(mf.dump(obj))  # what the file will hold
    # Grade the sheet as read back from JSON.
    ans = {(a["t"], a["parameter"], a["quantity"]): F(mecf.value_from_json(a["value"])) for a in obj["answers"]}
    res, info = grade(obj["case"], lesson, key_trace, sheet_student(ans))
    assert set(info) == set(info_sim) == set(ans), (c["name"], "answered set")
    for k, (e, b) in res_sim["records"].items():
        e2, b2 = res["records"][k]
        assert mecf.same_bits(e, e2) and mecf.same_bits(b, b2), (c["name"], "JSON round trip", k)
    for k in info:
        assert {x: info[k][x] for x in ("verdict", "shortcut", "why")} == \
            {x: info_sim[k][x] for x in ("verdict", "shortcut", "why")}, (c["name"], "JSON round trip", k)
    expected = []
    for (t, p, q) in asked:
        key = key_trace["steps"][t - 1]["parameters"][p][q]
        cf = res["records"][(t, p, q)][0]
        if (t, p, q) in info:
            verdict, shortcut = info[(t, p, q)]["verdict"], info[(t, p, q)]["shortcut"]
        else:
            verdict, shortcut = "missing", False
        expected.append({"t": t, "parameter": p, "quantity": q, "key": key, "carried_forward": cf,
                         "verdict": verdict, "shortcut": shortcut})
    obj["expected"] = expected
    obj["score"] = sum(e["verdict"] in ("right", "carried") for e in expected)
    obj["max_score"] = len(expected)
    obj = json.loads(mf.dump(obj))
    return obj, res, info, sheet if sp["kind"] == "own-chain" else None


# ---------------------------------------------------------------------------
# Checks.
# ---------------------------------------------------------------------------


def classify_again(q, x, k, c, kb, bb):
    """A second, separately written classifier (plain floats, the rule text's order of
    questions): returns (verdict, shortcut)."""
    rtol = 0.005 if q == "g" else 0.001
    atol = 1e-12

    def ok(a, e):
        return math.isfinite(a) and math.isfinite(e) and abs(a - e) <= atol + rtol * abs(e)

    def zero(v, ref):
        return abs(v) <= atol + rtol * abs(ref) / 1000

    x, k, c = float(x), float(k), float(c)
    if ok(x, k):
        return "right", False
    trivial_here = {}
    for label, v in (("x", x), ("c", c)):
        a = (not zero(k, k)) and zero(v, k)
        b = kb is not None and not ok(k, float(kb)) and ok(v, float(bb))
        trivial_here[label] = a or b
    if ok(x, c) and not trivial_here["c"]:
        return "carried", trivial_here["x"]
    return "wrong", trivial_here["x"]


def check_case(sp, obj, res, info, sheet, lesson, key_trace):
    c = obj["case"]
    name, param = c["name"], sp["param"]
    opt = c["optimizer"]
    ans = {(a["t"], a["parameter"], a["quantity"]): F(a["value"]) for a in obj["answers"]}
    exp = {(e["t"], e["parameter"], e["quantity"]): e for e in obj["expected"]}
    assert key_trace["diverged_at"] is None, name
    assert len(obj["expected"]) == len(obj["asked"]) == obj["max_score"], name
    assert obj["score"] == sum(e["verdict"] in ("right", "carried") for e in obj["expected"]), name
    # Only the asked weight's asked values are answered (a homework sheet).
    assert set(ans) <= set(exp) and all(k[1] == param for k in exp), name
    # Missing iff not answered; carried_forward is the replay's expected value.
    for k, e in exp.items():
        assert (e["verdict"] == "missing") == (k not in ans), (name, k)
        assert mecf.same_bits(e["carried_forward"], res["records"][k][0]), (name, k)
        assert mecf.same_bits(e["key"], key_trace["steps"][k[0] - 1]["parameters"][k[1]][k[2]]), (name, k)
    # A shortcut is not believed (believed = expected); every other answer is believed.
    for k, v in ans.items():
        e, b = res["records"][k]
        if info[k]["shortcut"]:
            assert mecf.same_bits(b, e), (name, k)
        else:
            assert mecf.same_bits(b, v), (name, k)
    # Rule 1 is the plain ECF replay of the sheet without its shortcuts, bit for bit ...
    believed_answers = [a for a in obj["answers"]
                        if not info[(a["t"], a["parameter"], a["quantity"])]["shortcut"]]
    res2 = mecf.replay(c, lesson, believed_answers)
    assert res2["records"].keys() == res["records"].keys(), name
    for k, (e, b) in res["records"].items():
        e2, b2 = res2["records"][k]
        assert mecf.same_bits(e, e2) and mecf.same_bits(b, b2), (name, "rule 1 != ECF without shortcuts", k)
    # ... and the shortcut set is a fixed point of that replay.
    for k, v in ans.items():
        t, p, q = k
        e2, _ = res2["records"][k]
        kb = key_before(key_trace, t, p, q)
        if q == "w_new":
            bb = res2["records"][(t, p, "w")][1]
        elif q in STATE_WITH_BEFORE:
            bb = F(0.0) if t == 1 else res2["records"][(t - 1, p, q)][1]
        else:
            bb = None
        assert mecf.same_bits(bb if bb is not None else F(0.0),
                              info[k]["believed_before"] if bb is not None else F(0.0)), (name, k)
        verdict, shortcut = classify_again(q, v, exp[k]["key"], e2, kb, bb)
        assert (verdict, shortcut) == (exp[k]["verdict"], exp[k]["shortcut"]), (name, k, verdict, shortcut)
    # The carry, the optimizer's equations and the gradients on believed inputs.
    mecf.check_steps_and_equations(c, lesson, res, key_trace, believed_answers)
    mecf.check_gradients(c, lesson, res, key_trace)
    mecf.check_quality(c, res)
    # The simulated student.
    target = sp["target"]
    if target is not None:
        assert obj["score"] == target, (name, "score", obj["score"], target)
    plain = plain_ecf_verdicts(c, lesson, key_trace, obj["answers"])
    kind = sp["kind"]
    if kind == "own-chain":
        # The sheet is what the case says: g = g_value throughout, and with g = 0 every
        # state value 0 and every w_new the starting weight, bit for bit.
        w0 = mf.get_params(lesson["layers"])[mf.parameter_names(lesson["layers"]).index(param)]
        for k, v in ans.items():
            assert mecf.same_bits(v, sheet[k]), (name, k)
            if k[2] == "g":
                assert v == sp["g_value"], (name, k)
            elif sp["g_value"] == 0.0:
                assert v == (w0 if k[2] == "w_new" else 0.0), (name, k, v)
        assert all(e["verdict"] == "wrong" for e in obj["expected"]), name
        # Every zero-ish non-w_new answer is a shortcut (rule 1a), and so is w_new(1)
        # = w(1) (rule 1b).
        for k in ans:
            if k[2] != "w_new":
                assert info[k]["shortcut"] and "1a" in info[k]["why"], (name, k, info[k])
        assert info[(1, param, "w_new")]["shortcut"] and "1b" in info[(1, param, "w_new")]["why"], name
    else:
        fmt = fmt_of(sp)
        for k, v in ans.items():
            if k in sp["slips"]:
                continue
            assert mecf.same_bits(v, fmt(res["records"][k][0])), (name, "not fmt(carried_forward)", k)
            # 4 digits are within the tolerance of the value they round/truncate.
            if sp["digits"][1] >= 4:
                assert accepts(v, res["records"][k][0], k[2]), (name, k)
    if name == "exploit-zeros":
        # The rule text's worked example: plain carry-forward gave 15/18.
        n_plain = sum(v in ("right", "carried") for v in plain.values())
        assert n_plain == 15, (name, "plain ECF score", n_plain)
        assert all(plain[k] == ("wrong" if k[2] == "g" else "carried") for k in plain), (name, plain)
    if name in ("exploit-sgd", "exploit-momentum", "exploit-rmsprop", "exploit-tiny"):
        assert sum(v in ("right", "carried") for v in plain.values()) > 0, (name, "plain ECF gives credit")
    if kind == "honest" and not sp["slips"] and target is not None:
        # Honest work is unaffected: no shortcut, no rule-2 hit, the same verdicts as
        # plain carry-forward.
        assert not any(i["shortcut"] or i["why"] for i in info.values()), name
        assert {k: e["verdict"] for k, e in exp.items()} == plain, name
    if name == "one-slip":
        (slip,) = sp["slips"]
        assert exp[slip]["verdict"] == "wrong" and not exp[slip]["shortcut"], name
        assert all(exp[k]["verdict"] in ("right", "carried") for k in exp if k != slip), name
        assert not any(i["why"] for i in info.values()), name
        # The slip is carried: every later asked value's carried_forward differs from the key.
        later = [k for k in exp if k[0] > 1 or k[2] in ("m_hat", "w_new")]
        assert later and all(exp[k]["carried_forward"] != exp[k]["key"] for k in later), name
        assert {k: e["verdict"] for k, e in exp.items()} == plain, name
    if name == "copied-w-new-at-2":
        (copy,) = sp["slips"]
        t, p, _ = copy
        assert mecf.same_bits(ans[copy], res["records"][(t, p, "w")][1]), name
        assert exp[copy]["shortcut"] and exp[copy]["verdict"] == "wrong", name
        # Later values are computed from the expected w_new(2): w(3) believed = it.
        assert mecf.same_bits(res["records"][(t + 1, p, "w")][1], exp[copy]["carried_forward"]), name
        assert all(exp[k]["verdict"] in ("right", "carried") for k in exp if k != copy), name
        # Plain carry-forward would have believed the copy: w(3) = w(2) there.
        plain_res = mecf.replay(c, lesson, obj["answers"])
        assert mecf.same_bits(plain_res["records"][(t + 1, p, "w")][1], ans[copy]), name
    return plain


# ---------------------------------------------------------------------------
# Main.
# ---------------------------------------------------------------------------


def main() -> int:
    cache = {}

    def lesson_of(rel):
        if rel not in cache:
            cache[rel] = mf.load_lesson(rel)
        return cache[rel]

    # The classifier on hand-made numbers (w_new of a weight 0.7 moving to 0.69).
    assert judge("w_new", F(0.69), F(0.69), F(0.69), F(0.7), F(0.7))["verdict"] == "right"
    assert judge("w_new", F(0.7), F(0.69), F(0.69), F(0.7), F(0.7)) == \
        {"verdict": "wrong", "shortcut": True, "why": "1b"}
    assert judge("w_new", F(0.7), F(0.69), F(0.7), F(0.7), F(0.7)) == \
        {"verdict": "wrong", "shortcut": True, "why": "1b+2b"}
    assert judge("w_new", F(0.7), F(0.7), F(0.7), F(0.7), F(0.7))["verdict"] == "right"  # unchanged key
    assert judge("g", F(0.0), F(0.03), F(0.0), None, None) == {"verdict": "wrong", "shortcut": True, "why": "1a+2a"}
    assert judge("g", F(0.0), F(0.0), F(0.0), None, None)["verdict"] == "right"  # kZero
    assert judge("m", F(0.0031), F(0.0037), F(0.0031), F(0.0), F(0.0)) == \
        {"verdict": "carried", "shortcut": False, "why": ""}
    assert accepts(1.001, 1.0, "w_new") and not accepts(1.0011, 1.0, "w_new") and not accepts(math.nan, 1.0, "w")
    assert truncate_sig(4)(F(0.036993631109689555)) == 0.03699 and round_sig(4)(F(0.036993631109689555)) == 0.03699
    assert truncate_sig(4)(F(-0.69999)) == -0.6999 and round_sig(4)(F(-0.69999)) == -0.7

    specs = build_specs()
    names = [sp["case"]["name"] for sp in specs]
    assert len(names) == len(set(names)), "duplicate case names"
    out_cases, summary, lines = [], [], []
    n_asked = 0
    with np.errstate(all="ignore"):
        for sp in specs:
            c = sp["case"]
            lesson = lesson_of(c["lesson"])
            mf.validate_case(c)
            key_trace = mf.run_case(c, lesson)
            assert key_trace["diverged_at"] is None, c["name"]
            mecf.check_plain_equals_replay(c, lesson, key_trace)
            obj, res, info, sheet = build_case(sp, lesson, key_trace)
            plain = check_case(sp, obj, res, info, sheet, lesson, key_trace)
            out_cases.append(obj)
            n_asked += obj["max_score"]
            n_plain = sum(v in ("right", "carried") for v in plain.values())
            counts = {v: sum(e["verdict"] == v for e in obj["expected"]) for v in ("right", "carried", "wrong")}
            n_short = sum(e["shortcut"] for e in obj["expected"])
            lines.append(f"  {c['name']:20s} {obj['score']:2d}/{obj['max_score']:2d}  "
                         f"(right {counts['right']}, carried {counts['carried']}, wrong {counts['wrong']}, "
                         f"shortcuts {n_short}; plain carry-forward {n_plain}/{obj['max_score']})")
            for k in mecf.canonical(c, lesson, info):
                i = info[k]
                if i["why"] or i["verdict"] != "right":
                    lines.append(f"      t={k[0]} {k[2]:6s} {i['verdict']:7s} shortcut={i['shortcut']!s:5s} "
                                 f"rules={i['why'] or '-'}")
    summary.append("no-answer replay == make_fixtures.run_case bit for bit for every case")
    summary.append("rule 1 == ECF replay of the sheet without its shortcuts (bit for bit), shortcut set a "
                   "fixed point; verdicts by a second classifier")
    summary.append("carry, optimizer equations, gradients (vectorised, finite differences), quality, "
                   "JSON round trip, target scores, plain-ECF 15/18 for the all-zero sheet")
    text = mf.dump({"cases": out_cases})
    json.loads(text)
    OUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUT.relative_to(HERE.parent.parent.parent)}: {len(out_cases)} cases, {n_asked} asked values")
    for line in lines:
        print(line)
    for line in summary:
        print("  ok: " + line)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError:
        traceback.print_exc()
        print("make_grading_rule_fixtures.py: a self-check failed; nothing written", file=sys.stderr)
        sys.exit(1)
