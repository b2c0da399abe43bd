import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field } from "@/components/Field";
import { SelectField } from "@/components/SelectField";
import type { PlacedNode, TreeNode } from "../lib/category-tree";

export interface Feedback {
  nodeId: string;
  tone: "success" | "error";
  text: string;
}

export interface CategoryActions {
  move: (node: TreeNode, parentId: string | null, index: number, by: -1 | 1) => void;
  moveInto: (node: TreeNode, parentId: string | null) => void;
  rename: (node: TreeNode, name: string) => void;
  addChild: (parent: TreeNode, name: string) => void;
  remove: (node: TreeNode, parentId: string | null) => void;
  targets: (node: TreeNode) => PlacedNode[];
  feedbackFor: (node: TreeNode) => Feedback | null;
  busy: boolean;
}

interface CategoryRowProps {
  node: TreeNode;
  parentId: string | null;
  index: number;
  siblingCount: number;
  actions: CategoryActions;
  children?: ReactNode;
}

/** One category: a drag handle, move up/down buttons, and its other actions behind "Edit". */
export function CategoryRow({ node, parentId, index, siblingCount, actions, children }: CategoryRowProps) {
  const { t } = useTranslation("admin");
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: node.id,
    data: { parentId },
  });
  const [open, setOpen] = useState(false);
  const style = { transform: CSS.Transform.toString(transform), transition };
  const feedback = actions.feedbackFor(node);

  return (
    <li ref={setNodeRef} style={style} className={isDragging ? "relative z-10 opacity-80" : ""}>
      <div className="flex flex-wrap items-center gap-1 rounded-lg border border-stone-200 bg-white p-1 pl-2">
        <button
          ref={setActivatorNodeRef}
          type="button"
          className="inline-flex size-11 cursor-grab touch-none items-center justify-center rounded-md text-stone-700 hover:bg-stone-100"
          aria-label={t("categories.drag", { name: node.name })}
          {...attributes}
          {...listeners}
        >
          <svg viewBox="0 0 20 20" className="size-5" aria-hidden="true" fill="currentColor">
            <circle cx="7" cy="5" r="1.5" />
            <circle cx="13" cy="5" r="1.5" />
            <circle cx="7" cy="10" r="1.5" />
            <circle cx="13" cy="10" r="1.5" />
            <circle cx="7" cy="15" r="1.5" />
            <circle cx="13" cy="15" r="1.5" />
          </svg>
        </button>
        <span className="min-w-20 flex-1 break-words font-semibold text-stone-900">{node.name}</span>
        <span className="ml-auto flex items-center gap-1">
          <Button
            variant="ghost"
            className="w-11 px-0"
            aria-label={t("categories.moveUp", { name: node.name })}
            disabled={index === 0 || actions.busy}
            onClick={() => actions.move(node, parentId, index, -1)}
          >
            <span aria-hidden="true">↑</span>
          </Button>
          <Button
            variant="ghost"
            className="w-11 px-0"
            aria-label={t("categories.moveDown", { name: node.name })}
            disabled={index === siblingCount - 1 || actions.busy}
            onClick={() => actions.move(node, parentId, index, 1)}
          >
            <span aria-hidden="true">↓</span>
          </Button>
          <Button variant="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t("categories.close") : t("categories.edit")}{" "}
            <span className="sr-only">{node.name}</span>
          </Button>
        </span>
      </div>
      {open ? <CategoryEditor node={node} parentId={parentId} actions={actions} /> : null}
      {feedback ? (
        <Alert tone={feedback.tone} className="my-1">
          {feedback.text}
        </Alert>
      ) : null}
      {children}
    </li>
  );
}

const ROOT = "__root__";

function CategoryEditor({ node, parentId, actions }: { node: TreeNode; parentId: string | null; actions: CategoryActions }) {
  const { t } = useTranslation("admin");
  const [name, setName] = useState(node.name);
  const [child, setChild] = useState("");
  const [target, setTarget] = useState(parentId ?? ROOT);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && name.trim() !== node.name) actions.rename(node, name.trim());
  };
  const addChild = (event: FormEvent) => {
    event.preventDefault();
    if (child.trim()) {
      actions.addChild(node, child.trim());
      setChild("");
    }
  };
  const moveInto = (event: FormEvent) => {
    event.preventDefault();
    const parent = target === ROOT ? null : target;
    if (parent !== parentId) actions.moveInto(node, parent);
  };

  return (
    <div className="my-2 ml-2 grid gap-3 rounded-lg border border-stone-200 bg-stone-50 p-3 md:grid-cols-3">
      <form onSubmit={rename} className="flex flex-col gap-2">
        <Field label={t("categories.name")} value={name} maxLength={100} onChange={(event) => setName(event.target.value)} />
        <Button type="submit" variant="secondary" disabled={actions.busy}>
          {t("categories.rename")}
        </Button>
      </form>
      <form onSubmit={moveInto} className="flex flex-col gap-2">
        <SelectField label={t("categories.moveInto", { name: node.name })} value={target} onChange={(event) => setTarget(event.target.value)}>
          <option value={ROOT}>{t("categories.top")}</option>
          {actions.targets(node).map((option) => (
            <option key={option.id} value={option.id}>
              {`${"— ".repeat(option.depth)}${option.name}`}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary" disabled={actions.busy}>
          {t("categories.move")}
        </Button>
      </form>
      <form onSubmit={addChild} className="flex flex-col gap-2">
        <Field label={t("categories.newChild", { name: node.name })} value={child} maxLength={100} onChange={(event) => setChild(event.target.value)} />
        <Button type="submit" variant="secondary" disabled={actions.busy}>
          {t("categories.add")}
        </Button>
      </form>
      <div className="flex flex-col gap-2 sm:flex-row md:col-span-3">
        {confirmingDelete ? (
          <>
            <Button variant="danger" disabled={actions.busy} onClick={() => actions.remove(node, parentId)}>
              {t("categories.deleteConfirm", { name: node.name })}
            </Button>
            <Button variant="secondary" onClick={() => setConfirmingDelete(false)}>
              {t("actions.keep")}
            </Button>
          </>
        ) : (
          <Button variant="secondary" disabled={actions.busy} onClick={() => setConfirmingDelete(true)}>
            {t("categories.delete", { name: node.name })}
          </Button>
        )}
      </div>
    </div>
  );
}
