import { useModel } from '@preact/signals';
import { ColourSchemeModel } from '../../utils/browser/colour-scheme';
import { themeFor, type Theme } from './palette';

/** The chart colours for the page's colour scheme, following a change while the page is open. */
export function useTheme(): Theme {
  return themeFor(useModel(ColourSchemeModel).dark.value);
}
