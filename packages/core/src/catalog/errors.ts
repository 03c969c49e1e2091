import { DomainError } from '../shared/errors.js';

export class CategoryNotFound extends DomainError<'CATEGORY_NOT_FOUND'> {
  readonly code = 'CATEGORY_NOT_FOUND' as const;
  constructor(readonly categoryId: string) {
    super('分类不存在', { categoryId });
  }
}

/** Listings go in a 二级标签, and only in an enabled one. */
export class CategoryNotSelectable extends DomainError<'CATEGORY_NOT_SELECTABLE'> {
  readonly code = 'CATEGORY_NOT_SELECTABLE' as const;
  constructor(
    readonly categoryId: string,
    reason: 'root' | 'disabled',
  ) {
    super(reason === 'root' ? '请选择二级分类' : '该分类已停用，请选择其他分类', { categoryId, reason });
  }
}

export class CategoryCodeTaken extends DomainError<'CATEGORY_CODE_TAKEN'> {
  readonly code = 'CATEGORY_CODE_TAKEN' as const;
  constructor(readonly codeValue: string) {
    super('分类代码已存在', { code: codeValue });
  }
}
