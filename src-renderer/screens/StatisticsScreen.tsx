export { StatisticsScreen } from '../features/statistics/StatisticsScreen';
