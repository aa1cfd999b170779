import { MAX_PASSWORD_LENGTH, passwordProblem } from '../../platform/security/passwords.js'

export interface PasswordChangeForm {
  currentPassword: string
  newPassword: string
  confirmPassword: string
}

export type PasswordFieldError = { field: 'currentPassword' | 'newPassword' | 'confirmPassword'; key: string }

const problemKeys = {
  too_short: 'account.password.errors.tooShort',
  too_long: 'account.password.errors.tooLong',
  common: 'account.password.errors.common',
} as const

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * Checks a change-of-password form before anything is looked up or written. Whether the current password is
 * right needs the stored hash, so the route checks that separately.
 */
export function validatePasswordChange(body: Record<string, unknown>): {
  form: PasswordChangeForm
  errors: PasswordFieldError[]
} {
  const form = {
    currentPassword: text(body.currentPassword),
    newPassword: text(body.newPassword),
    confirmPassword: text(body.confirmPassword),
  }
  const errors: PasswordFieldError[] = []
  if (!form.currentPassword) errors.push({ field: 'currentPassword', key: 'account.password.errors.currentMissing' })
  else if (form.currentPassword.length > MAX_PASSWORD_LENGTH)
    errors.push({ field: 'currentPassword', key: 'account.password.errors.currentWrong' })

  if (!form.newPassword) errors.push({ field: 'newPassword', key: 'account.password.errors.newMissing' })
  else {
    const problem = passwordProblem(form.newPassword)
    if (problem) errors.push({ field: 'newPassword', key: problemKeys[problem] })
    else if (form.newPassword === form.currentPassword)
      errors.push({ field: 'newPassword', key: 'account.password.errors.sameAsCurrent' })
  }

  if (!form.confirmPassword) {
    if (form.newPassword) errors.push({ field: 'confirmPassword', key: 'account.password.errors.confirmMissing' })
  } else if (form.confirmPassword !== form.newPassword)
    errors.push({ field: 'confirmPassword', key: 'account.password.errors.confirmMismatch' })
  return { form, errors }
}
