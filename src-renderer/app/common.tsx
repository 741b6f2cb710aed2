// Moved to the UI kit and to app/LanguageSwitch.tsx; kept for the screens that still import them from here.
export { ErrorMessage } from '../ui/ErrorMessage';
export { TextField } from '../ui/TextField';
export { LanguageSwitch } from './LanguageSwitch';
