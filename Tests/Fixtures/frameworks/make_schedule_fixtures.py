#!/usr/bin/env python3
"""Reference learning-rate schedules from the real PyTorch for `trace`.

For each case, builds torch.optim.SGD(lr=eta) on one dummy parameter, attaches
StepLR(step_size=K, gamma) or CosineAnnealingLR(T_max=T, eta_min), and for
t = 1..N records param_groups[0]["lr"] read just before the t-th
optimizer.step(), then calls optimizer.step() and scheduler.step().

Writes schedules.json next to this script (deterministic: byte-identical on
rerun with the same torch), and prints, per case, the largest relative
difference between torch and trace's closed-form formulas:
  step:   eta_t = eta * gamma ** floor((t - 1) / K)
  cosine: eta_t = eta_min + 0.5 * (eta - eta_min) * (1 + cos(pi * min(t - 1, T) / T))

Usage: python3 make_schedule_fixtures.py
"""
import json
import math
import os

import torch

# (name, schedule, eta, params, N)
CASES = [
    ("step-a", "step", 0.1, {"gamma": 0.5, "every": 2}, 9),
    ("step-b", "step", 0.3, {"gamma": 0.1, "every": 3}, 10),
    ("step-c", "step", 1.0, {"gamma": 0.7, "every": 1}, 8),
    # Cosine: N = T + 1 at most. Past t - 1 = T, CosineAnnealingLR rises
    # again (it is periodic), while trace holds eta_min.
    ("cosine-a", "cosine", 0.1, {"eta_min": 0.0, "period": 4}, 5),
    ("cosine-b", "cosine", 0.3, {"eta_min": 0.01, "period": 6}, 7),
    ("cosine-c", "cosine", 0.01, {"eta_min": 0.001, "period": 5}, 6),
]


def torch_lrs(schedule, eta, params, n):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=eta)
    if schedule == "step":
        sched = torch.optim.lr_scheduler.StepLR(
            opt, step_size=params["every"], gamma=params["gamma"])
    else:
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(
            opt, T_max=params["period"], eta_min=params["eta_min"])
    out = []
    for _ in range(n):
        out.append(float(opt.param_groups[0]["lr"]))
        p.grad = torch.zeros_like(p)
        opt.step()
        sched.step()
    return out


def formula_lrs(schedule, eta, params, n):
    out = []
    for t in range(1, n + 1):
        if schedule == "step":
            out.append(eta * params["gamma"] ** ((t - 1) // params["every"]))
        else:
            T, lo = params["period"], params["eta_min"]
            out.append(lo + 0.5 * (eta - lo) * (1 + math.cos(math.pi * min(t - 1, T) / T)))
    return out


def rel_diff(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def main():
    cases = []
    print(f"torch {torch.__version__}")
    for name, schedule, eta, params, n in CASES:
        got = torch_lrs(schedule, eta, params, n)
        ref = formula_lrs(schedule, eta, params, n)
        worst = max(rel_diff(a, b) for a, b in zip(got, ref))
        exact = sum(a == b for a, b in zip(got, ref))
        print(f"{name:9s} N={n:2d} max rel diff {worst:.3e}  ({exact}/{n} bit-equal)")
        case = {"name": name, "schedule": schedule, "eta": eta}
        case.update(params)
        case["eta_t"] = got
        cases.append(case)
    doc = {"torch_version": torch.__version__, "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schedules.json")
    with open(path, "w") as f:
        f.write(json.dumps(doc, indent=2) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
