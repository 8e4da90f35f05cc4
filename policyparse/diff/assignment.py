"""One optimal one-to-one assignment of a rectangular score matrix (``best_assignment``).

The shortest augmenting path algorithm (Jonker–Volgenant as given by Crouse, "On implementing
2D rectangular assignment algorithms", IEEE TAES 52(4), 2016) — the one behind
``scipy.optimize.linear_sum_assignment`` — with its inner loop over columns done by NumPy.
Written here because importing ``scipy.optimize`` costs about half a second, more than the whole
comparison of two 200-task plans; the tests check it against SciPy on random matrices.

Rows are assigned one at a time: from each new row, a Dijkstra search over reduced costs finds
the cheapest path to a free column through the columns already taken, the assignment is flipped
along it and the dual potentials are updated, so every step keeps the partial assignment optimal.
Deterministic: ties go to the free column, then to the lowest column index.
"""
from __future__ import annotations


def best_assignment(score) -> tuple[list[int], list[int]]:
    """Rows and columns of the assignment maximising the total ``score`` (a 2-D NumPy array of
    finite numbers): every row paired when there are no more rows than columns, else every
    column.  Rows in increasing order, as SciPy returns them."""
    import numpy as np

    cost = -np.asarray(score, dtype=np.float64)
    if cost.ndim != 2 or not np.isfinite(cost).all():
        raise ValueError("best_assignment needs a 2-D matrix of finite numbers")
    transposed = cost.shape[0] > cost.shape[1]
    if transposed:
        cost = cost.T
    n_rows, n_cols = cost.shape
    if not n_rows or not n_cols:
        return [], []
    cost = cost - cost.min()  # non-negative, same optimum
    u, v = np.zeros(n_rows), np.zeros(n_cols)
    col4row = np.full(n_rows, -1, dtype=np.int64)
    row4col = np.full(n_cols, -1, dtype=np.int64)
    columns = np.arange(n_cols)
    for start in range(n_rows):
        shortest = np.full(n_cols, np.inf)
        path = np.full(n_cols, -1, dtype=np.int64)
        seen_rows = np.zeros(n_rows, dtype=bool)
        seen_cols = np.zeros(n_cols, dtype=bool)
        row, low, sink = start, 0.0, -1
        while sink < 0:
            seen_rows[row] = True
            reduced = low + cost[row] - u[row] - v
            better = ~seen_cols & (reduced < shortest)
            path[better] = row
            shortest[better] = reduced[better]
            open_costs = np.where(seen_cols, np.inf, shortest)
            low = float(open_costs.min())
            tied = columns[open_costs == low]
            free = tied[row4col[tied] < 0]
            col = int(free[0] if free.size else tied[0])
            seen_cols[col] = True
            if row4col[col] < 0:
                sink = col
            else:
                row = int(row4col[col])
        u[start] += low
        others = seen_rows.copy()
        others[start] = False
        u[others] += low - shortest[col4row[others]]
        v[seen_cols] -= low - shortest[seen_cols]
        col = sink
        while True:  # flip the assignment along the path
            row = int(path[col])
            row4col[col] = row
            col4row[row], col = col, int(col4row[row])
            if row == start:
                break
    if transposed:
        order = np.argsort(col4row, kind="stable")
        return [int(r) for r in col4row[order]], [int(c) for c in order]
    return list(range(n_rows)), [int(c) for c in col4row]
