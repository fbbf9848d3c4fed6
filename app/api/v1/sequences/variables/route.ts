import { route } from '@/lib/http/route';
import { listVariablesEndpoint, variableCatalog } from '@/features/sequences';

export const GET = route(listVariablesEndpoint, async () => ({
  variables: variableCatalog(),
  syntax: ['{{first_name}}', '{{first_name|there}} (fallback)', '{{custom.my_field}} or {{my_field}} (custom field)', '{Hi|Hello|Hey} (spintax)', '\\{ \\} \\| (literal characters)'],
}));
