import type { InputHTMLAttributes } from 'react';
import { cn } from './cn';

/** A native checkbox in the house style (works in forms without JavaScript). */
export function Checkbox({ className, ...props }: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  return <input type="checkbox" className={cn('h-4 w-4 cursor-pointer rounded border-input accent-primary disabled:cursor-not-allowed disabled:opacity-50', className)} {...props} />;
}
