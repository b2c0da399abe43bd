"""Categories: the public tree and the admins' changes to it.

Rules: slugs are unique (409); a parent must exist (400, like any unknown category); a
category cannot move under itself or its descendants (422); a category with products or
sub-categories cannot be deleted (409). Every change is audited.

Moving and reordering: a category that changes parent, or is given a `position`, takes that
place among its (new) siblings, counted from 0 and capped at the end (no position: the end);
its siblings, and those it left, are renumbered 0, 1, 2, ... so positions never repeat or
leave gaps. Moves are serialised by one advisory lock, so two admins reordering the same
level cannot interleave. There is no depth limit: the tree is as deep as admins build it.
"""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chalicelib.catalog import repository
from chalicelib.catalog.errors import (
    CategoryCycle,
    CategoryHasChildren,
    CategoryHasProducts,
    CategoryNotFound,
    CategorySlugTaken,
    unknown_category,
)
from chalicelib.catalog.models import Category
from chalicelib.catalog.presenters import category_out, category_tree
from chalicelib.catalog.schemas import CategoryNode, CategoryOut, CreateCategoryRequest, UpdateCategoryRequest
from chalicelib.catalog.seed_data import slugify
from chalicelib.core.audit import record_audit
from chalicelib.core.principal import Principal


def get_tree(session: Session) -> list[CategoryNode]:
    return category_tree(repository.list_categories(session))


def create_category(
    session: Session, *, principal: Principal, request: CreateCategoryRequest, source_ip: str | None
) -> CategoryOut:
    slug = request.slug or slugify(request.name)
    if request.parent_id is not None and repository.get_category(session, request.parent_id) is None:
        raise unknown_category("parent_id")
    if repository.slug_taken(session, slug):
        raise CategorySlugTaken()
    position = (
        request.position if request.position is not None else repository.next_position(session, request.parent_id)
    )
    category = Category(id=uuid.uuid4(), parent_id=request.parent_id, name=request.name, slug=slug, position=position)
    session.add(category)
    _flush_or_slug_taken(session)
    _audit(session, "category.created", principal, category, source_ip, {"slug": slug})
    return category_out(category)


def update_category(
    session: Session,
    *,
    principal: Principal,
    category_id: uuid.UUID,
    request: UpdateCategoryRequest,
    source_ip: str | None,
) -> CategoryOut:
    category = repository.get_category(session, category_id, for_update=True)
    if category is None:
        raise CategoryNotFound()
    changes = request.model_fields_set
    moves = "parent_id" in changes and request.parent_id != category.parent_id
    if moves:
        _check_new_parent(session, category, request.parent_id)
    if moves or request.position is not None:
        _place(session, category, parent_id=request.parent_id if moves else category.parent_id, index=request.position)
    if "slug" in changes and request.slug is not None and request.slug != category.slug:
        if repository.slug_taken(session, request.slug, except_id=category.id):
            raise CategorySlugTaken()
        category.slug = request.slug
    if request.name is not None:
        category.name = request.name
    _flush_or_slug_taken(session)
    _audit(session, "category.updated", principal, category, source_ip, {"fields": sorted(changes)})
    return category_out(category)


def delete_category(session: Session, *, principal: Principal, category_id: uuid.UUID, source_ip: str | None) -> None:
    category = repository.get_category(session, category_id, for_update=True)
    if category is None:
        raise CategoryNotFound()
    if repository.has_children(session, category.id):
        raise CategoryHasChildren()
    if repository.has_products(session, category.id):
        raise CategoryHasProducts()
    _audit(session, "category.deleted", principal, category, source_ip, {"slug": category.slug})
    session.delete(category)
    try:
        session.flush()
    except IntegrityError as exc:  # a product or sub-category arrived since the checks
        constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", "") or ""
        raise (CategoryHasProducts() if constraint.startswith("fk_products") else CategoryHasChildren()) from exc


def _place(session: Session, category: Category, *, parent_id: uuid.UUID | None, index: int | None) -> None:
    """Puts `category` at `index` under `parent_id` and renumbers both levels it touches."""
    repository.lock_category_moves(session)
    previous_parent = category.parent_id
    siblings = [c for c in repository.children_in_order(session, parent_id) if c.id != category.id]
    at = len(siblings) if index is None else min(index, len(siblings))
    siblings.insert(at, category)
    category.parent_id = parent_id
    for position, sibling in enumerate(siblings):
        sibling.position = position
    if previous_parent != parent_id:
        left = [c for c in repository.children_in_order(session, previous_parent) if c.id != category.id]
        for position, sibling in enumerate(left):
            sibling.position = position


def _check_new_parent(session: Session, category: Category, parent_id: uuid.UUID | None) -> None:
    if parent_id is None:
        return
    if repository.get_category(session, parent_id) is None:
        raise unknown_category("parent_id")
    repository.lock_category_moves(session)
    if category.id in repository.ancestor_ids(session, parent_id):
        raise CategoryCycle()


def _flush_or_slug_taken(session: Session) -> None:
    """The unique constraint is the final word when two admins race for a slug."""
    try:
        session.flush()
    except IntegrityError as exc:
        constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", "") or ""
        if constraint == "uq_categories_slug":
            raise CategorySlugTaken() from exc
        raise


def _audit(
    session: Session,
    action: str,
    principal: Principal,
    category: Category,
    source_ip: str | None,
    details: dict[str, object],
) -> None:
    record_audit(
        session,
        action,
        actor_user_id=principal.user_id,
        source_ip=source_ip,
        target_type="category",
        target_id=category.id,
        details=details,
    )
