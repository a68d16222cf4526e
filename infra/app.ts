import { App } from 'aws-cdk-lib';
import { addSearchApp, checkWithCdkNag } from './search-app.js';

/** CDK entry point (`npx cdk synth -c stage=dev|prod`), see README.md, "Deploy to AWS". */
const app = new App();
addSearchApp(app);
checkWithCdkNag(app);
