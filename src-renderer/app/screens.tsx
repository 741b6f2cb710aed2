import { lazy, type ComponentType } from 'react';
import type { UserView } from '../../src-main/api/contract';
import { HearingScreen } from '../features/hearing/HearingScreen';
import { MyHearingsScreen } from '../features/hearings/MyHearingsScreen';
import type { Route, ScreenName } from './routes';

/** What every screen is given: the address it was opened at and who is signed in. */
export interface ScreenProps {
  route: Route;
  user: UserView;
}

// Screens an officer in the interview room never opens load when first shown, so that opening a
// hearing compiles less code.
const ReviewQueueScreen = lazy(() =>
  import('../features/hearings/ReviewQueueScreen').then((m) => ({ default: m.ReviewQueueScreen })),
);
const StatisticsScreen = lazy(() =>
  import('../features/statistics/StatisticsScreen').then((m) => ({ default: m.StatisticsScreen })),
);
const DirectoryScreen = lazy(() =>
  import('../features/directory/DirectoryScreen').then((m) => ({ default: m.DirectoryScreen })),
);
const LanguagesScreen = lazy(() =>
  import('../features/languages/LanguagesScreen').then((m) => ({ default: m.LanguagesScreen })),
);
const UsersScreen = lazy(() => import('../features/users/UsersScreen').then((m) => ({ default: m.UsersScreen })));
const AuditScreen = lazy(() => import('../features/audit/AuditScreen').then((m) => ({ default: m.AuditScreen })));
const IndicatorsScreen = lazy(() =>
  import('../features/phone-check/IndicatorsScreen').then((m) => ({ default: m.IndicatorsScreen })),
);

/** Each route's component (routes.ts says who may open it): the type check asks for one per route. */
export const SCREENS: Record<ScreenName, ComponentType<ScreenProps>> = {
  home: MyHearingsScreen,
  hearing: ({ route }) =>
    route.screen === 'hearing' ? (
      <HearingScreen key={route.hearingId} hearingId={route.hearingId} step={route.step} field={route.field} />
    ) : null,
  users: ({ user }) => <UsersScreen currentUser={user} />,
  directory: DirectoryScreen,
  queue: ReviewQueueScreen,
  statistics: StatisticsScreen,
  languages: LanguagesScreen,
  audit: AuditScreen,
  indicators: IndicatorsScreen,
};
