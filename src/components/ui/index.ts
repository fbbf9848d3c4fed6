export { cn } from './cn';
export { Button, buttonVariants, type TButtonProps } from './button';
export { Input, Textarea, Select, Label } from './input';
export { Card, CardHeader, CardTitle, CardDescription, CardContent } from './card';
export { Badge, badgeVariants, Alert, PageHeader, EmptyState, Table, Th, Td } from './misc';
