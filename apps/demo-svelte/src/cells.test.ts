import { type CheckboxRow, checkboxCreate, GRID } from "@aos/app-schemas";
import { TransformError } from "@aos/transforms";
import { runInAction } from "mobx";
import { describe, expect, it } from "vitest";
import { type Cell, cellId, cellTransformer, GridStore } from "./cells";

const apiRow = (x: number, y: number, overrides: Partial<CheckboxRow> = {}): CheckboxRow => ({
  id: cellId(x, y),
  x,
  y,
  checked: true,
  version: 1,
  created_at: "2026-11-22T10:00:00.000Z",
  updated_at: "2026-11-22T10:00:05.000Z",
  ...overrides,
});

describe("the grid's transformer", () => {
  it("maps snake_case and string dates to camelCase and Dates, and back to exactly the API row", () => {
    const row = apiRow(3, 4);
    const cell = cellTransformer.toUi(row);

    expect(cell).toEqual({
      id: row.id,
      x: 3,
      y: 4,
      checked: true,
      version: 1,
      createdAt: new Date("2026-11-22T10:00:00.000Z"),
      updatedAt: new Date("2026-11-22T10:00:05.000Z"),
    });
    expect(cellTransformer.toApi(cell)).toEqual(row);
  });

  it.each([["yesterday"], [""], [null], [1_700_000_000_000]])(
    "refuses %j as a date with a TransformError naming the field",
    (value) => {
      const row = { ...apiRow(0, 0), updated_at: value } as unknown as CheckboxRow;
      expect(() => cellTransformer.toUi(row)).toThrow(
        expect.objectContaining({
          constructor: TransformError,
          code: "INVALID_DATE",
          path: "$.updated_at",
        }) as Error,
      );
    },
  );
});

describe("cell ids", () => {
  it("give every cell its own id, one the server's schema accepts", () => {
    const ids = new Set<string>();
    for (let y = 0; y < GRID; y++) {
      for (let x = 0; x < GRID; x++) {
        ids.add(cellId(x, y));
        expect(checkboxCreate.safeParse({ id: cellId(x, y), x, y }).success).toBe(true);
      }
    }
    expect(ids.size).toBe(GRID * GRID);
  });
});

describe("GridStore", () => {
  const at = (store: GridStore, x: number, y: number) => store.cellAt(x, y);
  const cell = (x: number, y: number, overrides: Partial<CheckboxRow> = {}): Cell =>
    cellTransformer.toUi(apiRow(x, y, overrides));

  it("finds cells by position, whatever their id, and knows the last change", () => {
    const store = new GridStore({ versionField: "version" });
    expect(at(store, 1, 1)).toBeUndefined();
    expect(store.lastChange).toBeUndefined();

    runInAction(() => {
      store.applyServerRow(cell(1, 1));
      store.applyServerRow({ ...cell(2, 1), id: "made-elsewhere" });
      store.applyServerRow(cell(5, 5, { updated_at: "2026-11-22T11:00:00.000Z" }));
    });

    expect(at(store, 1, 1)?.id).toBe(cellId(1, 1));
    expect(at(store, 2, 1)?.id).toBe("made-elsewhere");
    expect(at(store, 1, 2)).toBeUndefined();
    expect(store.lastChange).toEqual(new Date("2026-11-22T11:00:00.000Z"));

    runInAction(() => {
      store.removeServerRow("made-elsewhere");
    });
    expect(at(store, 2, 1)).toBeUndefined();
  });
});
