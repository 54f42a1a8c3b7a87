import { IsYear } from '@app/platform';

export class ReferencesQuery {
  @IsYear()
  year: number;
}
