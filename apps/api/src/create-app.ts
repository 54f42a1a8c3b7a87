import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'pino';
import { Clock } from '@app/core';
import { Upcaster } from '@app/event-store';
import {
  AppConfig,
  correlationMiddleware,
  createRootLogger,
  httpLogger,
  installBodyParsers,
  Metrics,
  PinoNestLogger,
  ProcessRole,
} from '@app/platform';
import { AppModule } from './app.module';

export interface CreateAppOptions {
  config: AppConfig;
  clock?: Clock;
  logger?: Logger;
  upcasters?: [string, Upcaster][];
  /** What this process is under the primary (see ProcessRole); everything in one process by default. */
  role?: ProcessRole;
}

/** Builds the whole HTTP app; used by main.ts and by the e2e tests alike. */
export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  const { config } = options;
  const logger = options.logger ?? createRootLogger(config.logLevel);
  const metrics = new Metrics();
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, clock: options.clock, metrics, upcasters: options.upcasters, role: options.role }),
    {
      bodyParser: false,
      logger: new PinoNestLogger(logger),
      abortOnError: false, // a failed start throws to the caller (main.ts exits non-zero; the CLI and tests report it)
    },
  );
  app.use(correlationMiddleware);
  // Request lines are logged at info, warn or error; with the level above error (e.g. silent) nothing would be written.
  if (logger.isLevelEnabled('error')) app.use(httpLogger(logger));
  // An ETag in this API is a stream revision (ResourceHeadersInterceptor); Express's body-hash ETags on everything else go.
  app.set('etag', false);
  app.use(metrics.middleware());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          // helmet's default would send the dashboard's and Swagger UI's scripts to https on a plain-HTTP host (HOST=0.0.0.0);
          // the app cannot know whether TLS is in front, and a deployment behind TLS serves its pages over https anyway.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  installBodyParsers(app, config.bodyLimit);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Synpunkt API')
      .setDescription('Synpunkts- och klagomålshantering med kvalitetsgarantier')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
