import { describe, expect, it } from "vitest";
import { type TreeNode, flattenTree, lastPosition, moveTargets, reorderSiblings, siblingsOf } from "./category-tree";

function node(id: string, position: number, children: TreeNode[] = []): TreeNode {
  return { id, name: id.toUpperCase(), position, children };
}

const TREE = [node("drinks", 0, [node("soda", 0), node("juice", 1), node("water", 2)]), node("food", 1, [node("flour", 0)])];

describe("the category tree editor's rules", () => {
  it("lists the tree depth-first with each node's depth, parent and place among its siblings", () => {
    expect(flattenTree(TREE).map(({ id, depth, parentId, index, siblingCount }) => [id, depth, parentId, index, siblingCount])).toEqual([
      ["drinks", 0, null, 0, 2],
      ["soda", 1, "drinks", 0, 3],
      ["juice", 1, "drinks", 1, 3],
      ["water", 1, "drinks", 2, 3],
      ["food", 0, null, 1, 2],
      ["flour", 1, "food", 0, 1],
    ]);
  });

  it("renumbers siblings after a move and sends only the positions that change", () => {
    expect(reorderSiblings(siblingsOf(TREE, "drinks"), 2, 0)).toEqual([
      { id: "water", position: 0 },
      { id: "soda", position: 1 },
      { id: "juice", position: 2 },
    ]);
    expect(reorderSiblings(siblingsOf(TREE, "drinks"), 0, 1)).toEqual([
      { id: "juice", position: 0 },
      { id: "soda", position: 1 },
    ]);
  });

  it("sends nothing for a move to the same place or off the ends", () => {
    expect(reorderSiblings(siblingsOf(TREE, null), 1, 1)).toEqual([]);
    expect(reorderSiblings(siblingsOf(TREE, null), 0, -1)).toEqual([]);
    expect(reorderSiblings(siblingsOf(TREE, null), 1, 2)).toEqual([]);
  });

  it("renumbers siblings whose stored positions have gaps", () => {
    const gappy = [node("a", 10), node("b", 20), node("c", 30)];
    expect(reorderSiblings(gappy, 2, 1)).toEqual([
      { id: "a", position: 0 },
      { id: "c", position: 1 },
      { id: "b", position: 2 },
    ]);
  });

  it("never offers to move a category into itself or its own sub-categories", () => {
    expect(moveTargets(TREE, "drinks").map((target) => target.id)).toEqual(["food", "flour"]);
    expect(moveTargets(TREE, "soda").map((target) => target.id)).toEqual(["drinks", "juice", "water", "food", "flour"]);
  });

  it("puts a moved category after its new siblings", () => {
    expect(lastPosition(siblingsOf(TREE, "drinks"))).toBe(3);
    expect(lastPosition([])).toBe(0);
  });
});
